import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { hasVisibleText } from '../common/validators';
import { audit } from '../audit/audit';
import { Actor } from '../common/actor';
import { Role, ROLES } from '../common/actor';
import { ApiKeyEntity } from './api-key.entity';

/** Token: `rk_<key id>_<secret>`; the secret is 32 random bytes, stored as its SHA-256 only. */
const TOKEN = /^rk_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface KeyView {
  id: string;
  name: string;
  role: Role;
  organisations: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

@Injectable()
export class KeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Creates a key; the returned token is shown once and cannot be read back. */
  async create(input: {
    name: string;
    role: string;
    organisations: string[];
    expiresAt?: string;
  }): Promise<KeyView & { token: string }> {
    const problems = [];
    if (!hasVisibleText(input.name) || input.name.length > 120)
      problems.push({ field: 'name', problem: 'must be 1–120 characters, with visible text' });
    if (!ROLES.includes(input.role as Role))
      problems.push({ field: 'role', problem: `must be one of ${ROLES.join(', ')}` });
    if (!input.organisations.length)
      problems.push({ field: 'organisations', problem: 'must name at least one slug, or *' });
    if (input.expiresAt && Number.isNaN(Date.parse(input.expiresAt)))
      problems.push({ field: 'expiresAt', problem: 'must be an ISO date or instant' });
    if (problems.length) throw new ValidationFailedError(problems);
    const id = randomUUID();
    const now = this.clock.instant();
    const secret = randomBytes(32).toString('base64url');
    const row: ApiKeyEntity = {
      id,
      name: input.name.trim(),
      role: input.role as Role,
      organisations: [...new Set(input.organisations)],
      secretHash: hash(secret),
      expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      revokedAt: null,
      createdAt: now,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ApiKeyEntity, row);
      await audit(manager, {
        organisationId: null,
        at: now,
        action: 'create',
        entity: 'ApiKey',
        key: id,
        after: view(row),
      });
    });
    return { ...view(row), token: `rk_${id}_${secret}` };
  }

  async list(): Promise<KeyView[]> {
    return (await this.dataSource.manager.find(ApiKeyEntity, { order: { createdAt: 'ASC' } })).map(view);
  }

  async revoke(id: string): Promise<KeyView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(ApiKeyEntity, { where: { id } });
      if (!row) throw new NotFoundError('API key', id);
      const now = this.clock.instant();
      row.revokedAt ??= now;
      await manager.save(ApiKeyEntity, row);
      await audit(manager, {
        organisationId: null,
        at: now,
        action: 'revoke',
        entity: 'ApiKey',
        key: id,
        after: view(row),
      });
      return view(row);
    });
  }

  /** The actor behind a bearer token, or undefined when it is malformed, unknown, wrong, expired or revoked. */
  async verify(token: string | undefined): Promise<Actor | undefined> {
    const m = token ? TOKEN.exec(token) : null;
    if (!m) return undefined;
    const row = await this.dataSource.manager.findOne(ApiKeyEntity, { where: { id: m[1] } });
    if (!row) return undefined;
    const given = Buffer.from(hash(m[2]), 'hex');
    const stored = Buffer.from(row.secretHash, 'hex');
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
    if (row.revokedAt || (row.expiresAt && Date.parse(row.expiresAt) <= this.clock.now().getTime())) return undefined;
    return { id: row.id, name: row.name, role: row.role, organisations: row.organisations };
  }
}

function view(row: ApiKeyEntity): KeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    organisations: row.organisations,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}
