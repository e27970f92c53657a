import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { ApiReportResponse, RuleDto } from './report.dto';
import { LangQueryDto } from '../common/query.dto';
import { FindingsQueryDto } from './findings-query.dto';
import { ComplianceService, present } from './compliance.service';
import { catalog } from './engine';

@ApiTags('compliance')
@ApiProtected()
@Controller()
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('rules')
  @ApiOperation({ summary: 'The rule catalog: id, severity, title, legal reference' })
  @ApiOkResponse({ type: [RuleDto] })
  @ApiErrors(400)
  rules(@Query() query: LangQueryDto): RuleDto[] {
    return catalog(query.lang);
  }

  @Get('organisations/:slug/findings')
  @ApiOperation({
    summary: 'What is wrong in the register and the chain on a date, with legal grounds and facts',
    description:
      'view=groups groups the findings per rule and severity, view=subjects per record. An ETag names the answer; If-None-Match with it answers 304 while the organisation is unchanged.',
  })
  @ApiReportResponse()
  @ApiResponse({ status: 304, description: 'unchanged since the ETag sent in If-None-Match (no body)' })
  @ApiErrors(400, 404)
  async findings(
    @Param('slug') slug: string,
    @Query() query: FindingsQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const view = query.view ?? 'findings';
    const answer = await this.compliance.check(slug, query);
    const etag = `${answer.etag.slice(0, -1)}-${view}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (matches(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    const body =
      view === 'findings' ? await answer.json() : JSON.stringify(present(answer.report, view, query.lang ?? 'fr'));
    res.status(200).type('application/json').send(body);
  }
}

/** If-None-Match holds the tag (or `*`), weak or strong (RFC 9110 §13.1.2: weak comparison). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
