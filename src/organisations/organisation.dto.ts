import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { RecordViewOf } from '../common/responses.dto';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ContactDto, PartyDto, SourceDto } from '../common/shared.dto';
import { IsCountry, LIMITS, NestedList, NestedObject, OptionalInt, OptionalText, Text } from '../common/validators';
import { AUTHORISATION_KINDS, AuthorisationKind, ORGANISATION_ROLES, OrganisationRole } from '../reference/vocabulary';
import { ContractDeadlineDto } from '../subcontractors/engagement.dto';
import { GuaranteeDto } from '../subcontractors/subcontractor.dto';
import { SecurityMeasureDto } from '../register/security-measure.dto';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class OrganisationSettingsDto {
  @ApiPropertyOptional({ description: 'days before a certificate expiry that it is reported as expiring', default: 90 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiryHorizonDays?: number;

  @ApiPropertyOptional({
    type: [Number],
    description: 'days before a certificate expiry at which an alert is sent',
    default: [90, 60, 30, 14, 7, 1],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(3650, { each: true })
  alertThresholdDays?: number[];
}

/**
 * The terms under which the organisation acts as a processor for its clients (its standard DPA):
 * what it owes the controllers it serves. Terms it obtains from its own providers sit on engagements.
 */
export class ProcessorTermsDto {
  @OptionalText(LIMITS.name, 'the DPA: document and clause')
  dpaReference?: string;

  @OptionalInt(0, 8760, 'hours within which the organisation notifies its clients of a breach')
  breachNoticeHours?: number;

  @OptionalInt(0, 365, 'days its clients have to object to a new sub-processor')
  objectionWindowDays?: number;

  @ApiPropertyOptional({ enum: AUTHORISATION_KINDS, description: 'authorisation its clients give for sub-processors' })
  @IsOptional()
  @IsIn(AUTHORISATION_KINDS)
  subprocessorAuthorisation?: AuthorisationKind;

  @NestedList(() => ContractDeadlineDto, 'other deadlines the organisation owes its clients')
  deadlines?: ContractDeadlineDto[];

  @OptionalText(LIMITS.longText)
  notes?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'desmos', pattern: SLUG_PATTERN.source, maxLength: 64 })
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits separated by single hyphens' })
  @MaxLength(64)
  slug!: string;

  @Text(LIMITS.name, 'legal name')
  name!: string;

  @OptionalText(LIMITS.longText)
  description?: string;

  @OptionalText(64, 'SIREN, RCS or foreign registration number')
  registrationId?: string;

  @ApiProperty({ description: 'country of establishment, ISO 3166-1 alpha-2', example: 'FR' })
  @IsCountry()
  country!: string;

  @OptionalText(LIMITS.shortText)
  address?: string;

  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ORGANISATION_ROLES, { each: true })
  roles!: OrganisationRole[];

  @NestedObject(() => ContactDto, 'contact of the controller/processor (Art. 30(1)(a), 30(2)(a))')
  contact?: ContactDto;

  @NestedObject(() => ContactDto, 'data protection officer')
  dpo?: ContactDto;

  @NestedObject(() => PartyDto, 'representative in the Union (Art. 27), if any')
  representative?: PartyDto;

  @NestedList(() => SecurityMeasureDto, 'general security measures applying to every treatment (Art. 30(1)(g), 32(1))')
  securityMeasures?: SecurityMeasureDto[];

  @NestedObject(() => ProcessorTermsDto, 'terms the organisation offers as a processor (Art. 28(3))')
  processorTerms?: ProcessorTermsDto;

  @NestedList(
    () => GuaranteeDto,
    'certifications the organisation itself claims ("certifié HDS", "ISO 27001") before its certificates are recorded',
  )
  guarantees?: GuaranteeDto[];

  @NestedObject(() => OrganisationSettingsDto)
  settings?: OrganisationSettingsDto;

  @OptionalText(LIMITS.longText, 'facts that fit no field: labels, the terms of the client contract, …')
  notes?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class UpdateOrganisationDto extends PartialType(OmitType(CreateOrganisationDto, ['slug'] as const)) {}

/** An organisation as the API answers it: what was written, with its timestamps. */
export class OrganisationViewDto extends RecordViewOf(CreateOrganisationDto) {}
