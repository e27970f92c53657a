import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DAY, INSTANT, LocalizedDto } from '../common/responses.dto';
import { IsIsoDateOrInstant } from '../common/validators';
import { DEADLINE_KINDS, DeadlineKind, PERIOD_UNITS, PeriodUnit } from '../reference/vocabulary';
import type { Party, PartyType, StepStatus, Timeline, TimelineStep } from './breach-timeline';
import type { ObjectionWindow } from './calendar-feed';
import type { ContractDeadline } from './contract-deadlines';

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'a day (its end, 24:00 Paris) or an instant with offset; default now' })
  @IsOptional()
  @IsIsoDateOrInstant()
  asOf?: string;
}

const PARTY_TYPES: readonly PartyType[] = ['subcontractor', 'organisation', 'controller', 'cnil', 'data-subjects'];
const STEP_STATUSES: readonly StepStatus[] = [
  'pending',
  'overdue',
  'done-on-time',
  'done-late',
  'done',
  'waiting',
  'not-required',
];

export class TimelinePartyDto implements Party {
  @ApiProperty({ enum: PARTY_TYPES })
  type!: PartyType;

  @ApiProperty({ description: 'the subcontractor key, or the party type for the others' })
  key!: string;

  @ApiProperty()
  name!: string;
}

export class TimelineStepDto implements TimelineStep {
  @ApiProperty()
  order!: number;

  @ApiProperty({ type: () => TimelinePartyDto })
  from!: TimelinePartyDto;

  @ApiProperty({ type: () => TimelinePartyDto })
  to!: TimelinePartyDto;

  @ApiProperty({ ...INSTANT, nullable: true, description: 'when the notifying party became aware, if known' })
  clockStartsAt!: string | null;

  @ApiProperty({ enum: ['awareness', 'notification-received', 'unknown'] })
  clockSource!: 'awareness' | 'notification-received' | 'unknown';

  @ApiProperty({ type: String, nullable: true, example: '72 h', description: 'null: "without undue delay"' })
  period!: string | null;

  @ApiProperty({ type: () => LocalizedDto, description: 'the legal or contractual ground' })
  basis!: LocalizedDto;

  @ApiProperty({ ...INSTANT, nullable: true })
  due!: string | null;

  @ApiProperty({ ...INSTANT, nullable: true })
  notifiedAt!: string | null;

  @ApiProperty({ enum: STEP_STATUSES })
  status!: StepStatus;
}

export class TimelineBreachDto {
  @ApiProperty()
  key!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  riskLevel!: string;
}

export class TimelineSummaryDto {
  @ApiProperty()
  overdue!: number;

  @ApiProperty()
  late!: number;

  @ApiProperty()
  pending!: number;
}

/** The notification chain of a breach at an instant. */
export class TimelineDto implements Timeline {
  @ApiProperty({ type: () => TimelineBreachDto })
  breach!: TimelineBreachDto;

  @ApiProperty(INSTANT)
  at!: string;

  @ApiProperty({ type: () => [TimelineStepDto] })
  steps!: TimelineStepDto[];

  @ApiProperty({ type: () => TimelineSummaryDto })
  summary!: TimelineSummaryDto;
}

const WINDOW_STATUSES = ['open', 'closed', 'objected', 'no-window', 'not-applicable'] as const;

/** A sub-processor change's objection window on a day. */
export class ObjectionWindowDto implements ObjectionWindow {
  @ApiProperty({ description: 'the change key' })
  change!: string;

  @ApiProperty({ description: 'the sub-processor (subcontractor key)' })
  subprocessor!: string;

  @ApiProperty({ description: 'when the notice was received: an instant, or a day (Paris)' })
  noticeReceivedAt!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'per the contract; null when it sets none' })
  windowDays!: number | null;

  @ApiProperty({ ...DAY, nullable: true })
  windowEndsOn!: string | null;

  @ApiProperty({ ...INSTANT, nullable: true })
  due!: string | null;

  @ApiProperty({ ...DAY, nullable: true })
  plannedEffectiveOn!: string | null;

  @ApiProperty({ enum: WINDOW_STATUSES })
  status!: (typeof WINDOW_STATUSES)[number];

  @ApiProperty({ type: Number, nullable: true })
  daysLeft!: number | null;

  @ApiProperty({ type: [String], description: 'how the window was computed' })
  rule!: string[];
}

export class DeadlinePeriodDto {
  @ApiProperty()
  value!: number;

  @ApiProperty({ enum: PERIOD_UNITS })
  unit!: PeriodUnit;
}

/** One of an engagement's deadlines: the contract's, or the law's default where it is silent. */
export class ContractDeadlineViewDto implements ContractDeadline {
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind!: DeadlineKind;

  @ApiProperty({ enum: ['contract', 'law'] })
  origin!: 'contract' | 'law';

  @ApiProperty({ type: () => DeadlinePeriodDto, nullable: true })
  period!: DeadlinePeriodDto | null;

  @ApiProperty()
  nextWorkingDay!: boolean;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  reference!: string;
}
