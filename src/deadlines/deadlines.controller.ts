import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { FindingsQueryDto } from '../compliance/compliance.controller';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ComplianceService } from '../compliance/compliance.service';
import { parisToday } from './calendar-date';
import { calendarEvents, objectionWindow, toIcs } from './calendar-feed';
import { contractDeadlines } from './contract-deadlines';
import { endOfParisDay } from '../breaches/timeline';

@ApiTags('deadlines')
@Controller('organisations/:slug')
export class DeadlinesController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('subprocessor-changes/:key/window')
  @ApiOperation({ summary: "A sub-processor change's objection window: end (per the contract), status, days left" })
  async window(@Param('slug') slug: string, @Param('key') key: string, @Query() query: FindingsQueryDto) {
    const snapshot = await this.compliance.snapshot(slug, query.asOf ?? parisToday());
    const change = snapshot.subprocessorChanges.find((c) => c.key === key);
    if (!change) throw new NotFoundError('Sub-processor change', key);
    return objectionWindow(snapshot, change);
  }

  @Get('engagements/:key/deadlines')
  @ApiOperation({ summary: "An engagement's deadlines: the contract's, and the law's defaults where it is silent" })
  async engagementDeadlines(@Param('slug') slug: string, @Param('key') key: string) {
    const snapshot = await this.compliance.snapshot(slug, parisToday());
    const engagement = snapshot.engagements.find((e) => e.key === key);
    if (!engagement) throw new NotFoundError('Engagement', key);
    return contractDeadlines(engagement);
  }

  @Get('calendar.ics')
  @ApiOperation({
    summary: 'iCalendar feed: certificate expiries, objection windows, breach deadlines, contract dates',
  })
  async calendar(@Param('slug') slug: string, @Query() query: FindingsQueryDto, @Res() res: Response): Promise<void> {
    const snapshot = await this.compliance.snapshot(slug, query.asOf ?? parisToday());
    const now = query.asOf ? endOfParisDay(query.asOf) : new Date().toISOString();
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${slug}.ics"`,
    });
    res.send(toIcs(calendarEvents(snapshot, now), { name: `Registre — ${snapshot.organisation.name}`, now }));
  }
}
