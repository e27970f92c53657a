import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { Lang, LANGS } from '../common/i18n';
import { IsIsoDate, IsIsoDateOrInstant } from '../common/validators';

/** `?flag=true|false` → a boolean; anything else stays as written, for the validator to refuse. */
const toBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class ImportQueryDto {
  @ApiPropertyOptional({
    description: 'only the plan (records to create, change, leave alone; located problems); nothing is written',
  })
  @IsOptional()
  @toBoolean()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({ description: "delete the organisation's records the file does not hold" })
  @IsOptional()
  @toBoolean()
  @IsBoolean({ message: 'replace must be true or false' })
  replace?: boolean;

  @ApiPropertyOptional({
    description: 'target organisation (required for the CNIL template, which names none)',
    example: 'clinique-du-parc',
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'org must be an organisation slug' })
  org?: string;

  @ApiPropertyOptional({ description: "CNIL template: import the CNIL's own example fiche too" })
  @IsOptional()
  @toBoolean()
  @IsBoolean({ message: 'includeExample must be true or false' })
  includeExample?: boolean;

  @ApiPropertyOptional({ description: 'fingerprint of the preview being confirmed: 409 if the plan changed since' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'expect must be the fingerprint a preview returned' })
  expect?: string;

  @ApiPropertyOptional({ description: 'day adequacy claims are checked on (default today)' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

export class SubprocessorListQueryDto {
  @ApiPropertyOptional({ description: 'only the comparison; nothing is written' })
  @IsOptional()
  @toBoolean()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    description: 'day (or instant with offset) the list was received: the objection window runs from it; default today',
    example: '2026-03-02',
  })
  @IsOptional()
  @IsIsoDateOrInstant()
  noticeDate?: string;

  @ApiPropertyOptional({ description: 'day the changes take effect, when the provider says', example: '2026-04-01' })
  @IsOptional()
  @IsIsoDate()
  plannedEffectiveOn?: string;

  @ApiPropertyOptional({ description: 'fingerprint of the preview being confirmed' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'expect must be the fingerprint a preview returned' })
  expect?: string;
}

export class WorkbookQueryDto {
  @ApiPropertyOptional({ enum: LANGS, default: 'fr', description: 'language of headers, notes and labels' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}
