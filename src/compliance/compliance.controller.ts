import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { AnyReportDto, ApiReportResponse, RuleDto } from './report.dto';
import { LangQueryDto } from '../common/query.dto';
import { FindingsQueryDto } from './findings-query.dto';
import { ComplianceService } from './compliance.service';
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
    description: 'view=groups groups the findings per rule and severity, view=subjects per record.',
  })
  @ApiReportResponse()
  @ApiErrors(400, 404)
  findings(@Param('slug') slug: string, @Query() query: FindingsQueryDto): Promise<AnyReportDto> {
    return this.compliance.report(slug, query);
  }
}
