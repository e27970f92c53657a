import { Column, Entity, Index } from 'typeorm';
import {
  IdColumn,
  InstantColumn,
  IntColumn,
  JsonColumn,
  OrgRecordEntity,
  RefColumn,
  References,
  StringColumn,
  TextColumn,
  BoolColumn,
} from '../common/columns';

/** A delivery channel of an organisation. The secret is write-only: never returned, never logged. */
@Index('uq_alert_channels_org_key', ['organisationId', 'key'], { unique: true })
@Entity('alert_channels')
export class AlertChannelEntity extends OrgRecordEntity {
  @StringColumn('kind', 16, false)
  kind!: 'webhook' | 'email';

  @TextColumn('url')
  url!: string | null;

  @TextColumn('secret')
  secret!: string | null;

  @JsonColumn('recipients')
  recipients!: string[] | null;

  @StringColumn('lang', 2)
  lang!: 'fr' | 'en' | null;

  @BoolColumn('enabled')
  enabled!: boolean | null;
}

/**
 * One alert per organisation, subject, kind and threshold: `dedupe_key` is unique per organisation,
 * so the database itself refuses a second copy, whichever scan or instance tries to write it.
 */
@Index('uq_alerts_org_dedupe', ['organisationId', 'dedupeKey'], { unique: true })
@Entity('alerts')
export class AlertEntity {
  @IdColumn()
  id!: string;

  @RefColumn('organisation_id')
  @References('organisations', { cascade: true })
  organisationId!: string;

  @StringColumn('dedupe_key', 300, false)
  dedupeKey!: string;

  @StringColumn('kind', 40, false)
  kind!: string;

  @StringColumn('subject_type', 40, false)
  subjectType!: string;

  @StringColumn('subject_key', 80, false)
  subjectKey!: string;

  @StringColumn('subject_name', 300, false)
  subjectName!: string;

  @StringColumn('threshold', 20)
  threshold!: string | null;

  @InstantColumn('due')
  due!: string | null;

  @TextColumn('message_fr', { nullable: false })
  messageFr!: string;

  @TextColumn('message_en', { nullable: false })
  messageEn!: string;

  @JsonColumn('treatments')
  treatments!: string[] | null;

  @StringColumn('as_of', 10, false)
  asOf!: string;

  @InstantColumn('created_at', false)
  createdAt!: string;

  @InstantColumn('acknowledged_at')
  acknowledgedAt!: string | null;

  @TextColumn('acknowledged_note')
  acknowledgedNote!: string | null;
}

/**
 * One alert to one channel; claimed by a scan with a conditional update before it is sent, for a lease:
 * a delivery left `sending` past `leaseExpiresAt` (its process died) is claimed again by the next scan.
 */
@Index('uq_alert_deliveries', ['alertId', 'channelId'], { unique: true })
@Index('ix_alert_deliveries_status', ['status'])
@Entity('alert_deliveries')
export class AlertDeliveryEntity {
  @IdColumn()
  id!: string;

  @RefColumn('alert_id')
  @References('alerts', { cascade: true })
  alertId!: string;

  @RefColumn('channel_id')
  @References('alert_channels', { cascade: true })
  channelId!: string;

  @StringColumn('status', 16, false)
  status!: 'pending' | 'sending' | 'sent' | 'failed';

  @IntColumn('attempts')
  attempts!: number;

  @TextColumn('last_error')
  lastError!: string | null;

  @InstantColumn('next_attempt_at')
  nextAttemptAt!: string | null;

  @InstantColumn('delivered_at')
  deliveredAt!: string | null;

  @StringColumn('claimed_by', 36)
  claimedBy!: string | null;

  @InstantColumn('lease_expires_at')
  leaseExpiresAt!: string | null;

  @Column('varchar', { name: 'created_at', length: 40 })
  createdAt!: string;
}
