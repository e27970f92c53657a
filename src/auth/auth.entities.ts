import { Column, Entity } from 'typeorm';
import {
  IdColumn,
  InstantColumn,
  IntColumn,
  JsonColumn,
  RefColumn,
  StringColumn,
  TextColumn,
} from '../database/columns';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** An API key: only a SHA-256 hash of its secret is stored; the token is shown once, at creation. */
@Entity('api_keys')
export class ApiKeyEntity {
  @IdColumn()
  id!: string;

  @StringColumn('name', 120, false)
  name!: string;

  @StringColumn('role', 16, false)
  role!: Role;

  /** Organisation slugs the key may reach, or ["*"] for all. */
  @JsonColumn('organisations')
  organisations!: string[];

  @StringColumn('secret_hash', 64, false)
  secretHash!: string;

  @InstantColumn('expires_at')
  expiresAt!: string | null;

  @InstantColumn('revoked_at')
  revokedAt!: string | null;

  @InstantColumn('created_at', false)
  createdAt!: string;
}

/** Append-only record of every write: who, when, what, before and after. */
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

/** A published register version: the canonical data as it was, with its fingerprint. */
@Entity('register_versions')
export class RegisterVersionEntity {
  @IdColumn()
  id!: string;

  @RefColumn('organisation_id')
  organisationId!: string;

  @IntColumn('number')
  number!: number;

  @StringColumn('fingerprint', 64, false)
  fingerprint!: string;

  @Column('text', { name: 'data' })
  data!: string;

  @StringColumn('note', 1000)
  note!: string | null;

  @InstantColumn('published_at', false)
  publishedAt!: string;

  @StringColumn('published_by', 200, false)
  publishedBy!: string;
}
