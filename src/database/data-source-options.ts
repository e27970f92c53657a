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
import { BreachEntity } from '../breaches/breach.entity';
import { WaiverEntity } from '../waivers/waiver.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { Compliance1764100000000 } from './migrations/1764100000000-compliance';
import { Breaches1764200000000 } from './migrations/1764200000000-breaches';
import { Alerts1764300000000 } from './migrations/1764300000000-alerts';
import { Access1764400000000 } from './migrations/1764400000000-access';
import { VersionReference1764500000000 } from './migrations/1764500000000-version-reference';
import { LegalDepth1765300000000 } from './migrations/1765300000000-legal-depth';

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
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Compliance1764100000000,
  Breaches1764200000000,
  Alerts1764300000000,
  Access1764400000000,
  VersionReference1764500000000,
  LegalDepth1765300000000,
];

/** Same entities and migrations on both engines; the schema is only ever changed by migrations. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: true,
    logging: false,
  };
  if (config.database.kind === 'postgres') {
    return { type: 'postgres', url: config.database.url, ...common };
  }
  return {
    type: 'better-sqlite3',
    database: config.database.path,
    enableWAL: true,
    timeout: 5000,
    ...common,
  };
}
