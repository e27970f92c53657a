import { Entity } from 'typeorm';
import type { Role } from '../common/actor';
import { IdColumn, InstantColumn, JsonColumn, StringColumn } from '../common/columns';

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
