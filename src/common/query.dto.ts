import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Lang, LANGS } from './i18n';
import { IsIsoDate } from './validators';

export class LangQueryDto {
  @ApiPropertyOptional({ enum: LANGS, default: 'fr' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}

export class AsOfQueryDto extends LangQueryDto {
  @ApiPropertyOptional({ example: '2026-12-20', description: 'the day asked (Europe/Paris); default today' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}
