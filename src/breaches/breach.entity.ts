import { Entity, Index } from 'typeorm';
import type { SourceDto } from '../common/shared.dto';
import {
  InstantColumn,
  IntColumn,
  JsonColumn,
  OrgRecordEntity,
  RefColumn,
  References,
  StringColumn,
  TextColumn,
} from '../common/columns';
import type { AwarenessDto, NotificationDto, RiskLevel } from './breach.dto';

@Index('uq_breaches_org_key', ['organisationId', 'key'], { unique: true })
@Entity('breaches')
export class BreachEntity extends OrgRecordEntity {
  @StringColumn('title', 300, false)
  title!: string;

  @TextColumn()
  nature!: string | null;

  @InstantColumn('occurred_at')
  occurredAt!: string | null;

  @RefColumn('discovered_by_id', true)
  @References('subcontractors')
  discoveredById!: string | null;

  @InstantColumn('organisation_aware_at')
  organisationAwareAt!: string | null;

  @JsonColumn('provider_awareness')
  providerAwareness!: AwarenessDto[] | null;

  @StringColumn('risk_level', 16, false)
  riskLevel!: RiskLevel;

  @JsonColumn('data_categories')
  dataCategories!: string[] | null;

  @JsonColumn('subject_categories')
  subjectCategories!: string[] | null;

  @IntColumn('approx_subjects')
  approxSubjects!: number | null;

  @IntColumn('approx_records')
  approxRecords!: number | null;

  @TextColumn()
  consequences!: string | null;

  @JsonColumn()
  measures!: string[] | null;

  @JsonColumn()
  treatments!: string[] | null;

  @JsonColumn()
  notifications!: NotificationDto[] | null;

  @TextColumn('delay_reasons')
  delayReasons!: string | null;

  @JsonColumn()
  source!: SourceDto | null;
}
