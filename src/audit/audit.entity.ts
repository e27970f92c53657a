import { Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/columns';

/** Append-only record of every write: who, when, what, before and after. */
@Index('ix_audit_org_at', ['organisationId', 'at'])
@Entity('audit_log')
export class AuditEntity {
  @IdColumn()
  id!: string;

  @RefColumn('organisation_id', true)
  organisationId!: string | null;

  @InstantColumn('at', false)
  at!: string;

  @StringColumn('actor_id', 64, false)
  actorId!: string;

  @StringColumn('actor_name', 120, false)
  actorName!: string;

  @StringColumn('action', 24, false)
  action!: string;

  @StringColumn('entity', 60, false)
  entity!: string;

  @StringColumn('entity_key', 120, false)
  entityKey!: string;

  @TextColumn('before')
  before!: string | null;

  @TextColumn('after')
  after!: string | null;
}
