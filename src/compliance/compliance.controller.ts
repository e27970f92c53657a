import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDate } from '../common/validators';
import { ComplianceService } from './compliance.service';
import { catalog } from './engine';
import { Lang, LANGS } from './finding';

export class LangQueryDto {
  @ApiPropertyOptional({ enum: LANGS, default: 'fr' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}

export class FindingsQueryDto extends LangQueryDto {
  @ApiPropertyOptional({ example: '2026-12-20', description: 'the day asked (Europe/Paris); default today' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

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
  @ApiOperation({ summary: 'What is wrong in the register and the chain on a date, with legal grounds and facts' })
  findings(@Param('slug') slug: string, @Query() query: FindingsQueryDto) {
    return this.compliance.findings(slug, query);
  }
}
