import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PeriodDto, SourceDto } from '../common/shared.dto';
import {
  IsIsoDate,
  IsIsoMonthOrDate,
  IsKey,
  IsKeyRef,
  IsNotBefore,
  LIMITS,
  NestedList,
  NestedObject,
  OptionalCountries,
  OptionalHdsActivities,
  OptionalInt,
  OptionalText,
  OptionalTextList,
  Text,
} from '../common/validators';
import { HdsActivityCode } from '../reference/hds-activities';
import { AUTHORISATION_KINDS, AuthorisationKind, DEADLINE_KINDS, DeadlineKind } from '../reference/vocabulary';
import { SafeguardDto } from '../transfers/safeguard.dto';

/** A deadline the contract sets, counted per its own rules. */
export class ContractDeadlineDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  @IsIn(DEADLINE_KINDS)
  kind!: DeadlineKind;

  @NestedObject(() => PeriodDto)
  period?: PeriodDto;

  @OptionalText(LIMITS.shortText, 'what starts the period, e.g. "réception de la demande"')
  trigger?: string;

  @ApiPropertyOptional({
    description: 'a period ending on a Saturday, Sunday or holiday moves to the next working day',
  })
  @IsOptional()
  @IsBoolean()
  nextWorkingDay?: boolean;

  @Text(LIMITS.shortText, 'the obligation as the contract words it')
  description!: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

/** One service (product) of an engagement: the HDS activities it involves, whether it carries health data. */
export class ServiceScopeDto {
  @Text(LIMITS.shortText, 'the service or product as the contract names it, e.g. "Hosted Private Cloud"')
  service!: string;

  @OptionalHdsActivities('HDS activities the provider performs for this service')
  hdsActivities?: HdsActivityCode[];

  @ApiPropertyOptional({
    description:
      'whether this service carries health data (false: the contract says it does not); absent when not stated',
  })
  @IsOptional()
  @IsBoolean()
  healthData?: boolean;
}

export class ContractTermDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDate()
  startsOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDate()
  @IsNotBefore('startsOn')
  endsOn?: string;

  @NestedObject(() => PeriodDto, 'initial duration')
  duration?: PeriodDto;

  @ApiPropertyOptional({ description: 'renewed tacitly at the end of each period' })
  @IsOptional()
  @IsBoolean()
  tacitRenewal?: boolean;

  @NestedObject(() => PeriodDto, 'length of each renewal')
  renewalPeriod?: PeriodDto;

  @NestedObject(() => PeriodDto, 'notice before the end of the period to terminate')
  terminationNotice?: PeriodDto;

  @OptionalText(LIMITS.shortText)
  details?: string;
}

export class CreateEngagementDto {
  @IsKey()
  key!: string;

  @IsKeyRef('key of the subcontractor that performs the services')
  provider!: string;

  @IsKeyRef(
    'key of the subcontractor that engaged the provider (chains); absent when the organisation itself is the client',
    true,
  )
  client?: string;

  @OptionalTextList(LIMITS.shortText, 'services provided, as the contract words them')
  services?: string[];

  @OptionalHdsActivities('HDS activities the provider performs (for the engagement as a whole)')
  hdsActivities?: HdsActivityCode[];

  @NestedList(
    () => ServiceScopeDto,
    'per service, when the provider’s products have different scopes: HDS activities and health data',
    100,
  )
  serviceScopes?: ServiceScopeDto[];

  @IsKeyRef(
    'key of a certificate held by the actor above (the client, or the organisation for a direct provider) whose scope includes what this provider does for it',
    true,
  )
  coveredByCertificate?: string;

  @ApiPropertyOptional({
    description:
      'whether the provider receives health data under this engagement (false: the contract says it does not); absent when not stated',
  })
  @IsOptional()
  @IsBoolean()
  healthData?: boolean;

  @OptionalCountries('countries where data is processed or stored (ISO alpha-2)')
  processingCountries?: string[];

  @ApiPropertyOptional({
    enum: ['eu', 'eea'],
    description: 'the contract places processing in the EU or the EEA without naming countries ("Union Européenne")',
  })
  @IsOptional()
  @IsIn(['eu', 'eea'])
  processingArea?: 'eu' | 'eea';

  @OptionalCountries('countries from which the data is accessed remotely (an allow-list)')
  accessCountries?: string[];

  @ApiPropertyOptional({
    description:
      'the contract lets the provider access the data from any country ("from anywhere"); the exceptions go in accessExceptCountries',
  })
  @IsOptional()
  @IsBoolean()
  accessWorldwide?: boolean;

  @OptionalCountries('with accessWorldwide: the countries from which access is excluded ("everywhere except …")')
  accessExceptCountries?: string[];

  @ApiPropertyOptional({ description: 'date the data-processing agreement (Art. 28(3)) was signed or accepted' })
  @IsOptional()
  @IsIsoDate()
  dpaSignedOn?: string;

  @OptionalText(LIMITS.name, 'the DPA: document and clause')
  dpaReference?: string;

  @OptionalText(64, 'version of the DPA as it prints it, e.g. "v3.1"')
  dpaVersion?: string;

  @ApiPropertyOptional({
    example: '2025-08',
    description: 'date of that version of the DPA (apart from its signature): YYYY-MM or YYYY-MM-DD',
  })
  @IsOptional()
  @IsIsoMonthOrDate()
  dpaVersionDate?: string;

  @ApiPropertyOptional({
    example: '2025-02',
    description:
      'when the provider was added to its client’s sub-processor list (the processor above, or the organisation’s own list): YYYY-MM or YYYY-MM-DD',
  })
  @IsOptional()
  @IsIsoMonthOrDate()
  listedOn?: string;

  @ApiPropertyOptional({
    example: '2026-01',
    description:
      'when the provider was removed from that list: YYYY-MM or YYYY-MM-DD; it is no longer relied on from then',
  })
  @IsOptional()
  @IsIsoMonthOrDate()
  removedOn?: string;

  @OptionalInt(0, 8760, 'hours within which the provider notifies a personal-data breach')
  breachNoticeHours?: number;

  @OptionalInt(0, 365, 'days the client has to object to a new sub-processor')
  objectionWindowDays?: number;

  @ApiPropertyOptional({ enum: AUTHORISATION_KINDS, description: 'Art. 28(2) authorisation given to this provider' })
  @IsOptional()
  @IsIn(AUTHORISATION_KINDS)
  authorisation?: AuthorisationKind;

  @NestedList(
    () => SafeguardDto,
    'transfer safeguards the contract states for processing or access outside the EEA (DPF, SCC 2021/914 with module, BCR, …); each may name the countries it covers',
    20,
  )
  transferSafeguards?: SafeguardDto[];

  @OptionalText(
    LIMITS.longText,
    'extra-EU laws that could compel access, mitigations and residual risks (HDS v2 req. 30); absent when not recorded',
  )
  foreignLawAssessment?: string;

  @NestedObject(() => ContractTermDto)
  term?: ContractTermDto;

  @NestedList(() => ContractDeadlineDto, 'other contractual deadlines')
  deadlines?: ContractDeadlineDto[];

  @OptionalText(LIMITS.longText)
  notes?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class UpdateEngagementDto extends PartialType(OmitType(CreateEngagementDto, ['key'] as const)) {}

/** An engagement as the API answers it: what was written, with its timestamps. */
export class EngagementViewDto extends RecordViewOf(CreateEngagementDto) {}
