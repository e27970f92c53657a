import { Entity, Index } from 'typeorm';
import {
  BoolColumn,
  IdColumn,
  InstantColumn,
  JsonColumn,
  RefColumn,
  References,
  StringColumn,
} from '../common/columns';
import type { Role } from '../common/actor';

/** A role on one organisation (its slug), or on every organisation ("*"). */
export interface Grant {
  organisation: string;
  role: Role;
}

/**
 * A person who signs in to the web application (machines use API keys). Only a scrypt hash of the
 * password is stored; the e-mail is kept lower-case so that it is unique whatever the case typed.
 */
@Entity('users')
@Index('uq_users_email', ['email'], { unique: true })
export class UserEntity {
  @IdColumn()
  id!: string;

  @StringColumn('email', 254, false)
  email!: string;

  @StringColumn('name', 120, false)
  name!: string;

  @StringColumn('password_hash', 200, false)
  passwordHash!: string;

  @JsonColumn('grants')
  grants!: Grant[];

  /** Set for a one-time password: the next sign-in must choose a new one. */
  @BoolColumn('must_change_password')
  mustChangePassword!: boolean | null;

  @InstantColumn('disabled_at')
  disabledAt!: string | null;

  @InstantColumn('last_sign_in_at')
  lastSignInAt!: string | null;

  @InstantColumn('password_changed_at')
  passwordChangedAt!: string | null;

  @InstantColumn('created_at', false)
  createdAt!: string;

  @InstantColumn('updated_at', false)
  updatedAt!: string;
}

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a copy of
 * the database does not let anyone take over a session. Kept in the database so that every instance
 * behind a load balancer recognises it and a sign-out ends it everywhere.
 */
@Entity('web_sessions')
@Index('uq_web_sessions_token', ['tokenHash'], { unique: true })
@Index('ix_web_sessions_user', ['userId'])
export class SessionEntity {
  @IdColumn()
  id!: string;

  @RefColumn('user_id')
  @References('users', { cascade: true })
  userId!: string;

  @StringColumn('token_hash', 64, false)
  tokenHash!: string;

  @InstantColumn('created_at', false)
  createdAt!: string;

  @InstantColumn('last_seen_at', false)
  lastSeenAt!: string;

  /** The absolute end, whatever the activity. */
  @InstantColumn('expires_at', false)
  expiresAt!: string;

  @InstantColumn('ended_at')
  endedAt!: string | null;

  @StringColumn('user_agent', 200)
  userAgent!: string | null;

  @StringColumn('client', 64)
  client!: string | null;
}

/** One refused sign-in: counted per e-mail (the lock) and per client address (the rate limit). */
@Entity('sign_in_failures')
@Index('ix_sign_in_failures_email', ['email', 'at'])
@Index('ix_sign_in_failures_client', ['client', 'at'])
export class SignInFailureEntity {
  @IdColumn()
  id!: string;

  @StringColumn('email', 254, false)
  email!: string;

  @StringColumn('client', 64, false)
  client!: string;

  @InstantColumn('at', false)
  at!: string;
}
