import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { SourceDto } from '../common/shared.dto';
import {
  IsIsoInstant,
  IsKey,
  IsKeyRef,
  KEY_PATTERN,
  LIMITS,
  NestedList,
  NestedObject,
  OptionalInt,
  OptionalText,
  OptionalTextList,
  Text,
} from '../common/validators';

export const RISK_LEVELS = ['unlikely', 'risk', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Parties of a notification chain: a subcontractor (by key) or one of these. */
export const FIXED_PARTIES = ['organisation', 'controller', 'cnil', 'data-subjects'] as const;
const PARTY_PATTERN = new RegExp(`^(?:${FIXED_PARTIES.join('|')}|${KEY_PATTERN.source.slice(1, -1)})$`);

function IsParty(description: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ description, example: 'organisation' })(target, key);
    MaxLength(LIMITS.key)(target, key);
    Matches(PARTY_PATTERN, {
      message: `$property must be a subcontractor key or one of: ${FIXED_PARTIES.join(', ')}`,
    })(target, key);
  };
}

/** When a party of the chain became aware of the breach (GDPR art. 33: the clocks start there). */
export class AwarenessDto {
  @IsKeyRef('subcontractor key')
  subcontractor!: string;

  @ApiProperty({ example: '2026-05-01T19:00:00+02:00' })
  @IsIsoInstant()
  at!: string;
}

/** A notification actually sent, with what it said (Art. 33(3) content when to the CNIL). */
export class NotificationDto {
  @IsParty('who notified: a subcontractor key, or organisation')
  from!: string;

  @IsParty('who was notified: a subcontractor key, organisation, controller, cnil or data-subjects')
  to!: string;

  @ApiProperty({ example: '2026-05-03T10:00:00+02:00' })
  @IsIsoInstant()
  at!: string;

  @OptionalText(LIMITS.name, 'reference of the notification (e.g. CNIL notification number)')
  reference?: string;

  @ApiPropertyOptional({
    description: 'initial or complementary notification (Art. 33(4))',
    enum: ['initial', 'complement'],
  })
  @IsOptional()
  @IsIn(['initial', 'complement'])
  phase?: 'initial' | 'complement';
}

export class CreateBreachDto {
  @IsKey()
  key!: string;

  @Text(LIMITS.name)
  title!: string;

  @OptionalText(LIMITS.longText, 'nature of the breach (Art. 33(3)(a))')
  nature?: string;

  @ApiPropertyOptional({ description: 'when the breach occurred, if known' })
  @IsOptional()
  @IsIsoInstant()
  occurredAt?: string;

  @IsKeyRef('subcontractor that discovered it; absent when the organisation did', true)
  discoveredBy?: string;

  @ApiPropertyOptional({ description: 'when the organisation became aware (Art. 33(1) clock)' })
  @IsOptional()
  @IsIsoInstant()
  organisationAwareAt?: string;

  @NestedList(() => AwarenessDto, 'when each subcontractor of the chain became aware')
  providerAwareness?: AwarenessDto[];

  @ApiProperty({ enum: RISK_LEVELS, description: 'unlikely (no CNIL notification), risk, high (data subjects told)' })
  @IsIn(RISK_LEVELS)
  riskLevel!: RiskLevel;

  @OptionalTextList(LIMITS.shortText, 'categories of personal data concerned')
  dataCategories?: string[];

  @OptionalTextList(LIMITS.shortText, 'categories of data subjects concerned')
  subjectCategories?: string[];

  @OptionalInt(0, 1_000_000_000, 'approximate number of data subjects')
  approxSubjects?: number;

  @OptionalInt(0, 2_000_000_000, 'approximate number of records')
  approxRecords?: number;

  @OptionalText(LIMITS.longText, 'likely consequences (Art. 33(3)(c))')
  consequences?: string;

  @OptionalTextList(LIMITS.shortText, 'measures taken or proposed (Art. 33(3)(d))')
  measures?: string[];

  @OptionalTextList(LIMITS.key, 'keys of the treatments concerned')
  treatments?: string[];

  @NestedList(() => NotificationDto, 'notifications actually sent')
  notifications?: NotificationDto[];

  @OptionalText(LIMITS.longText, 'reasons for a notification made after 72 h (Art. 33(1))')
  delayReasons?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class UpdateBreachDto extends PartialType(OmitType(CreateBreachDto, ['key'] as const)) {}

/** A breach as the API answers it: what was written, with its timestamps. */
export class BreachViewDto extends RecordViewOf(CreateBreachDto) {}
