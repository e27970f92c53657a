import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { Lang, LANGS } from '../common/i18n';
import { LIMITS, OptionalText } from '../common/validators';

export class PublishDto {
  @OptionalText(LIMITS.shortText, 'why this version, e.g. "transmis à la CNIL le …"')
  note?: string;
}

export class DiffQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  to!: number;
}

export class VersionDocumentQueryDto {
  @ApiPropertyOptional({ enum: LANGS })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}
