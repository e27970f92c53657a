import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { ApiReportResponse, RuleDto } from './report.dto';
import { LangQueryDto } from '../common/query.dto';
import { FindingsQueryDto } from './findings-query.dto';
import { ComplianceService } from './compliance.service';
import { ContentCoding, negotiateCoding } from '../common/content-coding';
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
      'view=groups groups the findings per rule and severity, view=subjects per record. An ETag names the answer; If-None-Match with it answers 304 while the organisation is unchanged. Accept-Encoding: br or gzip answers compressed (Content-Encoding), the tag then ending in -br or -gzip.',
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
    // One tag per view, and per coding of its bytes (RFC 9110 §8.8.3: a strong tag names one
    // representation); a client holding the answer in any coding is told it is unchanged.
    const base = `${answer.etag.slice(0, -1)}-${view}`;
    const coding = negotiateCoding(req.headers['accept-encoding']);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', 'private, no-cache');
    // Made once per answer and coding, then kept: a 304 names the tag a 200 would carry.
    const body = await answer.body(view, coding);
    res.setHeader('ETag', tag(base, body.coding));
    if (matches(req.headers['if-none-match'], base)) {
      res.status(304).end();
      return;
    }
    if (body.coding !== 'identity') res.setHeader('Content-Encoding', body.coding);
    res.status(200).type('application/json').send(body.bytes);
  }
}

function tag(base: string, coding: ContentCoding): string {
  return coding === 'identity' ? `${base}"` : `${base}-${coding}"`;
}

/**
 * If-None-Match holds one of the view's tags, in any coding (or `*`), weak or strong (RFC 9110 §13.1.2:
 * weak comparison).
 */
function matches(header: string | undefined, base: string): boolean {
  if (!header) return false;
  const tags = new Set([`${base}"`, `${base}-br"`, `${base}-gzip"`]);
  return header.split(',').some((t) => {
    const one = t.trim();
    return one === '*' || tags.has(one.replace(/^W\//, ''));
  });
}
