import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { Lang, LANGS } from '../common/i18n';
import { PlannedRecordDto } from '../bundles/bundle.dto';
import type { PlanAction } from '../bundles/import-plan';
import { IsIsoDate, IsIsoDateOrInstant } from '../common/validators';
import { CHANGE_KINDS, type ChangeKind } from '../reference/vocabulary';
import type { ImportPreview } from './import.service';
import type { ImportProblem, Location } from './problems';
import type { SubprocessorListPreview } from './subprocessor-list.service';
import type { ListChange } from './subprocessor-list';

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

/** Where a value came from in a file: sheet, 1-based row, column header and cell. */
export class LocationDto implements Location {
  @ApiProperty()
  sheet!: string;

  @ApiPropertyOptional({ description: '1-based' })
  row?: number;

  @ApiPropertyOptional({ description: 'the column header' })
  column?: string;

  @ApiPropertyOptional({ example: 'C7' })
  cell?: string;

  @ApiPropertyOptional({ description: 'the value as the cell holds it' })
  value?: string;
}

/** A problem of an import, located in the file: an error stops it, a warning deserves a look. */
export class ImportProblemDto extends PartialType(LocationDto) implements ImportProblem {
  @ApiProperty({ enum: ['error', 'warning', 'info'] })
  severity!: 'error' | 'warning' | 'info';

  @ApiPropertyOptional({ example: 'treatments[2].dataCategories[0].category', description: 'the path in the data' })
  field?: string;

  @ApiProperty()
  problem!: string;

  @ApiPropertyOptional()
  suggestion?: string;
}

export class ImportSheetDto {
  @ApiProperty()
  sheet!: string;

  @ApiProperty({ description: 'what it was read as (a list of the bundle, or skipped)' })
  as!: string;

  @ApiProperty()
  rows!: number;
}

export class ImportSourceDto {
  @ApiProperty({ enum: ['json', 'ods', 'xlsx', 'csv'] })
  format!: 'json' | 'ods' | 'xlsx' | 'csv';

  @ApiProperty({ enum: ['bundle', 'registre-workbook', 'cnil-register'] })
  layout!: 'bundle' | 'registre-workbook' | 'cnil-register';

  @ApiPropertyOptional({ description: 'the file name, when sent' })
  file?: string;

  @ApiProperty({ type: () => [ImportSheetDto] })
  sheets!: ImportSheetDto[];

  @ApiProperty({ type: [String] })
  notes!: string[];
}

export class PlannedOrganisationDto {
  @ApiProperty()
  slug!: string;

  @ApiProperty({ enum: ['create', 'change', 'unchanged'] })
  action!: 'create' | 'change' | 'unchanged';

  @ApiPropertyOptional({ type: [String] })
  fields?: string[];
}

export class ImportSummaryDto implements Record<PlanAction, number> {
  @ApiProperty()
  create!: number;

  @ApiProperty()
  change!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty()
  delete!: number;

  @ApiProperty()
  errors!: number;

  @ApiProperty()
  warnings!: number;
}

export class LocatedPlannedRecordDto extends PlannedRecordDto {
  @ApiPropertyOptional({ type: () => LocationDto, description: 'where the record is in the file' })
  at?: LocationDto;
}

/** An import's plan (dryRun=true) or what it wrote: every record's action, every problem located. */
export class ImportPreviewDto implements ImportPreview {
  @ApiProperty({ type: () => ImportSourceDto })
  source!: ImportSourceDto;

  @ApiProperty({ type: () => PlannedOrganisationDto })
  organisation!: PlannedOrganisationDto;

  @ApiProperty()
  replace!: boolean;

  @ApiProperty({ type: () => ImportSummaryDto })
  summary!: ImportSummaryDto;

  @ApiProperty({ type: () => [LocatedPlannedRecordDto] })
  records!: LocatedPlannedRecordDto[];

  @ApiProperty({ type: () => [ImportProblemDto] })
  problems!: ImportProblemDto[];

  @ApiProperty({ type: [String], description: 'one line per problem, as a person reads it' })
  messages!: string[];

  @ApiProperty({ description: 'send it back as expect=… to write exactly this plan' })
  fingerprint!: string;

  @ApiProperty()
  applied!: boolean;
}

export class ListedSubprocessorDto {
  @ApiProperty({ description: 'the subcontractor key' })
  key!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'not yet a subcontractor of the organisation' })
  new!: boolean;
}

export class ListChangeDto implements ListChange {
  @ApiProperty({ enum: CHANGE_KINDS })
  kind!: ChangeKind;

  @ApiProperty({ type: () => ListedSubprocessorDto })
  subprocessor!: ListedSubprocessorDto;

  @ApiPropertyOptional({ example: 'FR', description: 'where it stood' })
  from?: string;

  @ApiPropertyOptional({ example: 'US', description: 'where it goes' })
  to?: string;

  @ApiPropertyOptional({ description: 'the row of the list' })
  row?: number;

  @ApiProperty({ description: 'the change notice recorded' })
  notice!: string;
}

export class UnchangedSubprocessorDto {
  @ApiProperty()
  key!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  row!: number;
}

export class ProviderDto {
  @ApiProperty()
  key!: string;

  @ApiProperty()
  name!: string;
}

export class SubprocessorListSummaryDto {
  @ApiProperty()
  added!: number;

  @ApiProperty()
  removed!: number;

  @ApiProperty()
  relocated!: number;

  @ApiProperty()
  safeguardChanged!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty()
  errors!: number;

  @ApiProperty()
  warnings!: number;
}

/** A provider's list against an engagement: the changes as dated notices (written unless dryRun). */
export class SubprocessorListPreviewDto implements SubprocessorListPreview {
  @ApiProperty({ description: 'the engagement key' })
  engagement!: string;

  @ApiProperty({ type: () => ProviderDto })
  provider!: ProviderDto;

  @ApiProperty({ description: 'when the notice was received: an instant, or a day (Paris)' })
  noticeReceivedAt!: string;

  @ApiProperty({ type: Number, nullable: true })
  objectionWindowDays!: number | null;

  @ApiProperty()
  noChanges!: boolean;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: () => SubprocessorListSummaryDto })
  summary!: SubprocessorListSummaryDto;

  @ApiProperty({ type: () => [ListChangeDto] })
  changes!: ListChangeDto[];

  @ApiProperty({ type: () => [UnchangedSubprocessorDto] })
  unchanged!: UnchangedSubprocessorDto[];

  @ApiProperty({ type: () => [PlannedRecordDto] })
  records!: PlannedRecordDto[];

  @ApiProperty({ type: () => [ImportProblemDto] })
  problems!: ImportProblemDto[];

  @ApiProperty({ type: [String] })
  messages!: string[];

  @ApiProperty()
  fingerprint!: string;

  @ApiProperty()
  applied!: boolean;
}
