import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { HdsActivityCode } from '../reference/hds-activities';
import { PartyDto, PeriodDto, SourceDto } from '../common/shared.dto';
import {
  IsCountry,
  IsKey,
  IsKeyRef,
  LIMITS,
  NestedList,
  NestedObject,
  OptionalHdsActivities,
  OptionalText,
  OptionalTextList,
  Text,
} from '../common/validators';
import {
  ARTICLE9_CONDITIONS,
  Article9Condition,
  DATA_CATEGORIES,
  DataCategory,
  LEGAL_BASES,
  LegalBasis,
  RECIPIENT_KINDS,
  RecipientKind,
  TREATMENT_ROLES,
  TREATMENT_STATUSES,
  TreatmentRole,
  TreatmentStatus,
} from '../reference/vocabulary';
import { SafeguardDto } from '../transfers/safeguard.dto';
import { DpiaDto } from './dpia.dto';
import { SecurityMeasureDto } from './security-measure.dto';

export class LegalBasisDto {
  @ApiPropertyOptional({ enum: LEGAL_BASES, isArray: true, description: 'GDPR art. 6(1)' })
  @IsOptional()
  @IsArray()
  @IsIn(LEGAL_BASES, { each: true })
  article6?: LegalBasis[];

  @ApiPropertyOptional({ enum: ARTICLE9_CONDITIONS, isArray: true, description: 'GDPR art. 9(2) letters' })
  @IsOptional()
  @IsArray()
  @IsIn(ARTICLE9_CONDITIONS, { each: true })
  article9?: Article9Condition[];

  @OptionalText(LIMITS.shortText, 'national law or further detail, e.g. "CSP L.1110-4"')
  details?: string;
}

export class DataCategoryDto {
  @ApiProperty({ enum: DATA_CATEGORIES, description: 'CNIL register category' })
  @IsIn(DATA_CATEGORIES)
  category!: DataCategory;

  @Text(LIMITS.shortText, 'the data as the document names it')
  label!: string;

  @ApiPropertyOptional({ description: 'health data (GDPR art. 4(15))' })
  @IsOptional()
  @IsBoolean()
  health?: boolean;

  @ApiPropertyOptional({ description: 'numéro de sécurité sociale (NIR)' })
  @IsOptional()
  @IsBoolean()
  nir?: boolean;

  @ApiPropertyOptional({ description: 'special category (GDPR art. 9) or offences (art. 10)' })
  @IsOptional()
  @IsBoolean()
  article9?: boolean;

  @OptionalText(LIMITS.shortText, 'retention period for this category, as decided')
  retention?: string;

  @NestedObject(
    () => PeriodDto,
    'the duration read from the retention text when it states one ("5 ans à compter du versement de la paie" → 5 years); the text stays the reference',
  )
  retentionPeriod?: PeriodDto;
}

export class RecipientDto {
  @ApiProperty({ enum: RECIPIENT_KINDS })
  @IsIn(RECIPIENT_KINDS)
  kind!: RecipientKind;

  @Text(LIMITS.name)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCountry()
  country?: string;
}

/** A transfer the treatment declares itself (Art. 30(1)(e)); transfers by subcontractors come from engagements. */
export class TransferDto {
  @ApiProperty()
  @IsCountry()
  country!: string;

  @Text(LIMITS.name)
  recipient!: string;

  @NestedObject(() => SafeguardDto)
  safeguard?: SafeguardDto;
}

/** A treatment relies on an engagement (a subcontractor's contract) for something. */
export class UseDto {
  @IsKeyRef('engagement key')
  engagement!: string;

  @OptionalText(LIMITS.shortText, 'what the treatment uses it for')
  purpose?: string;
}

export class CreateTreatmentDto {
  @IsKey('reference of the treatment in the register')
  key!: string;

  @Text(LIMITS.name)
  name!: string;

  @OptionalText(LIMITS.longText)
  description?: string;

  @ApiProperty({ enum: TREATMENT_ROLES, description: "the organisation's role for this treatment" })
  @IsIn(TREATMENT_ROLES)
  role!: TreatmentRole;

  @ApiPropertyOptional({ enum: TREATMENT_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(TREATMENT_STATUSES)
  status?: TreatmentStatus;

  @NestedList(() => PartyDto, 'controllers on whose behalf the organisation acts (role processor, Art. 30(2)(a))')
  controllers?: PartyDto[];

  @NestedList(() => PartyDto, 'joint controllers (Art. 26)')
  jointControllers?: PartyDto[];

  @OptionalTextList(LIMITS.shortText, 'purposes (Art. 30(1)(b)) or categories of processing (Art. 30(2)(b))')
  purposes?: string[];

  @NestedObject(() => LegalBasisDto)
  legalBasis?: LegalBasisDto;

  @OptionalTextList(LIMITS.shortText, 'categories of data subjects')
  dataSubjects?: string[];

  @NestedList(() => DataCategoryDto, 'categories of personal data, with retention')
  dataCategories?: DataCategoryDto[];

  @OptionalText(LIMITS.shortText, 'retention for the treatment as a whole, when not per category')
  retention?: string;

  @NestedList(() => RecipientDto, 'categories of recipients (Art. 30(1)(d))')
  recipients?: RecipientDto[];

  @NestedList(() => TransferDto, 'transfers outside the EEA declared by the treatment itself')
  transfers?: TransferDto[];

  @NestedList(() => SecurityMeasureDto, 'measures specific to this treatment, on top of the organisation-wide ones')
  securityMeasures?: SecurityMeasureDto[];

  @OptionalHdsActivities(
    'HDS activities the organisation performs itself for this treatment: exempt for its own operations (controller), but a processor performing them for its clients needs the HDS certificate itself (LEGAL.md §7d)',
  )
  hdsActivitiesInHouse?: HdsActivityCode[];

  @NestedObject(() => DpiaDto, 'data protection impact assessment (GDPR art. 35): criteria met, CNIL list, status')
  dpia?: DpiaDto;

  @ApiPropertyOptional({
    description:
      "the treatment keeps patients' medical records of a health establishment (CSP R.1112-2): its retention is checked against CSP R.1112-7; absent: inferred from the treatment's name and health data",
  })
  @IsOptional()
  @IsBoolean()
  patientRecord?: boolean;

  @NestedList(() => UseDto, 'engagements (subcontractor contracts) the treatment relies on')
  uses?: UseDto[];

  @OptionalText(LIMITS.longText)
  notes?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class UpdateTreatmentDto extends PartialType(OmitType(CreateTreatmentDto, ['key'] as const)) {}

/** A treatment as the API answers it: what was written, with its timestamps. */
export class TreatmentViewDto extends RecordViewOf(CreateTreatmentDto) {}
