import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
} from 'node:fs';
import { Logger } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { TreatmentEntity, TreatmentUseEntity } from '../register/treatment.entity';
import {
  CertificateEntity,
  EngagementEntity,
  SubcontractorEntity,
  SubprocessorChangeEntity,
} from '../subcontractors/subcontractor.entity';
import { AlertChannelEntity, AlertDeliveryEntity, AlertEntity } from '../alerts/alert.entity';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { AuditEntity } from '../audit/audit.entity';
import { RegisterVersionEntity } from '../versions/register-version.entity';
import { SessionEntity, SignInFailureEntity, UserEntity } from '../auth/user.entity';
import { DocumentJobEntity } from '../web/jobs/document-job.entity';
import { BreachEntity } from '../breaches/breach.entity';
import { WaiverEntity } from '../waivers/waiver.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { Compliance1764100000000 } from './migrations/1764100000000-compliance';
import { Breaches1764200000000 } from './migrations/1764200000000-breaches';
import { Alerts1764300000000 } from './migrations/1764300000000-alerts';
import { Access1764400000000 } from './migrations/1764400000000-access';
import { VersionReference1764500000000 } from './migrations/1764500000000-version-reference';
import { DeliveryLeases1765000000000 } from './migrations/1765000000000-delivery-leases';
import { People1765200000000 } from './migrations/1765200000000-people';
import { LegalDepth1765300000000 } from './migrations/1765300000000-legal-depth';
import { OrganisationRevision1765400000000 } from './migrations/1765400000000-organisation-revision';

export const ENTITIES = [
  OrganisationEntity,
  SubcontractorEntity,
  CertificateEntity,
  EngagementEntity,
  TreatmentEntity,
  TreatmentUseEntity,
  SubprocessorChangeEntity,
  WaiverEntity,
  BreachEntity,
  AlertChannelEntity,
  AlertEntity,
  AlertDeliveryEntity,
  ApiKeyEntity,
  AuditEntity,
  RegisterVersionEntity,
  UserEntity,
  SessionEntity,
  SignInFailureEntity,
  DocumentJobEntity,
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Compliance1764100000000,
  Breaches1764200000000,
  Alerts1764300000000,
  Access1764400000000,
  VersionReference1764500000000,
  DeliveryLeases1765000000000,
  People1765200000000,
  LegalDepth1765300000000,
  OrganisationRevision1765400000000,
];

/** How long a write waits for the database to be free (another writer), on both engines. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Same entities and migrations on both engines; the schema is only ever changed by migrations.
 * A SQLite file this process may not write (permissions, a read-only mount) is opened read-only: reads,
 * `registre check` and `registre export` work, writes answer 503 `database_read_only`.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: true,
    logging: false,
  };
  if (config.database.kind === 'postgres') {
    // A write blocked by another transaction's lock waits as long as on SQLite, then answers 503.
    return { type: 'postgres', url: config.database.url, extra: { lock_timeout: BUSY_TIMEOUT_MS }, ...common };
  }
  const readonly = !writable(config.database.path);
  return {
    type: 'better-sqlite3',
    database: readonly ? readablePath(config.database.path) : config.database.path,
    readonly,
    // The journal mode is kept in the file; switching it is a write.
    enableWAL: !readonly,
    timeout: BUSY_TIMEOUT_MS,
    ...common,
  };
}

const canWrite = (p: string) => {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Whether this process may write the database file and its folder (for the -wal and -shm files). */
export function writable(path: string): boolean {
  if (path === ':memory:') return true;
  if (!existsSync(path)) return true; // created on start (or the open fails with its own message)
  return canWrite(path) && canWrite(dirname(path));
}

/**
 * Reading a WAL file needs its -shm index beside it, which SQLite creates when the folder allows. In a
 * read-only folder without one (a read-only mount, an archive), the file and its -wal are copied to a
 * private temporary folder and read there: a snapshot taken at start, removed at exit.
 */
function readablePath(path: string): string {
  if (canWrite(dirname(path)) || existsSync(`${path}-shm`) || !isWal(path)) return path;
  const dir = mkdtempSync(join(tmpdir(), 'registre-read-only-'));
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  new Logger('Database').warn(`${path} and its folder are read-only: reading a copy of it taken now`);
  return copy;
}

/** SQLite's header says WAL when its read and write format versions (bytes 18 and 19) are 2. */
function isWal(path: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return header[18] === 2 && header[19] === 2;
}
