import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFileResponse, ApiProtected } from '../common/responses.dto';
import type { Response } from 'express';
import { AsOfQueryDto } from '../common/query.dto';
import { ContractDeadlineViewDto, ObjectionWindowDto, TimelineDto, TimelineQueryDto } from './deadline.dto';
import { DeadlinesService } from './deadlines.service';

@ApiTags('deadlines')
@ApiProtected()
@ApiErrors(404)
@Controller('organisations/:slug')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get('breaches/:key/timeline')
  @ApiOperation({ summary: 'Notification chain of a breach: each party’s due instant and status at a date' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiErrors(400)
  timeline(
    @Param('slug') slug: string,
    @Param('key') key: string,
    @Query() query: TimelineQueryDto,
  ): Promise<TimelineDto> {
    return this.deadlines.breachTimeline(slug, key, query.asOf);
  }

  @Get('subprocessor-changes/:key/window')
  @ApiOperation({ summary: "A sub-processor change's objection window: end (per the contract), status, days left" })
  @ApiOkResponse({ type: ObjectionWindowDto })
  @ApiErrors(400)
  window(
    @Param('slug') slug: string,
    @Param('key') key: string,
    @Query() query: AsOfQueryDto,
  ): Promise<ObjectionWindowDto> {
    return this.deadlines.objectionWindow(slug, key, query.asOf);
  }

  @Get('engagements/:key/deadlines')
  @ApiOperation({ summary: "An engagement's deadlines: the contract's, and the law's defaults where it is silent" })
  @ApiOkResponse({ type: [ContractDeadlineViewDto] })
  engagementDeadlines(@Param('slug') slug: string, @Param('key') key: string): Promise<ContractDeadlineViewDto[]> {
    return this.deadlines.engagementDeadlines(slug, key);
  }

  @Get('calendar.ics')
  @ApiOperation({
    summary: 'iCalendar feed: certificate expiries, objection windows, breach deadlines, contract dates',
  })
  @ApiFileResponse('the feed (RFC 5545), to subscribe to from a calendar application', ['text/calendar'])
  @ApiErrors(400)
  async calendar(@Param('slug') slug: string, @Query() query: AsOfQueryDto, @Res() res: Response): Promise<void> {
    const ics = await this.deadlines.calendar(slug, query.asOf);
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${slug}.ics"`,
    });
    res.send(ics);
  }
}
