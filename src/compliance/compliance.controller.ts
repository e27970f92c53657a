import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LangQueryDto } from '../common/query.dto';
import { FindingsQueryDto } from './findings-query.dto';
import { ComplianceService } from './compliance.service';
import { catalog } from './engine';

@ApiTags('compliance')
@Controller()
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('rules')
  @ApiOperation({ summary: 'The rule catalog: id, severity, title, legal reference' })
  rules(@Query() query: LangQueryDto) {
    return catalog(query.lang);
  }

  @Get('organisations/:slug/findings')
  @ApiOperation({
    summary: 'What is wrong in the register and the chain on a date, with legal grounds and facts',
    description: 'view=groups groups the findings per rule and severity, view=subjects per record.',
  })
  findings(@Param('slug') slug: string, @Query() query: FindingsQueryDto) {
    return this.compliance.report(slug, query);
  }
}
