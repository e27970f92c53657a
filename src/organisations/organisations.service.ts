import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { Timestamped } from '../common/responses.dto';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { validateAs } from '../common/validate';
import { audit } from '../audit/audit';
import { BUNDLED_KINDS, removeAllRecords } from '../records/record-kinds';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationEntity } from './organisation.entity';

/** Organisation fields in export order (the slug comes first, separately). */
const FIELDS = [
  'name',
  'description',
  'registrationId',
  'country',
  'address',
  'roles',
  'contact',
  'dpo',
  'representative',
  'securityMeasures',
  'processorTerms',
  'guarantees',
  'settings',
  'notes',
  'source',
] as const;

export type OrganisationView = Timestamped<CreateOrganisationDto>;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<OrganisationView[]> {
    const rows = await this.dataSource.manager.find(OrganisationEntity, { order: { slug: 'ASC' } });
    return rows.map(toView);
  }

  async get(slug: string): Promise<OrganisationView> {
    return toView(await this.find(this.dataSource.manager, slug));
  }

  /** The view of an organisation already read (exports read it once). */
  view(org: OrganisationEntity): OrganisationView {
    return toView(org);
  }

  create(dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.dataSource.transaction(async (manager) =>
      toView(await this.insert(manager, dto, this.clock.instant())),
    );
  }

  /** Inside the caller's transaction (imports), at the caller's instant. */
  async insert(manager: EntityManager, dto: CreateOrganisationDto, now: string): Promise<OrganisationEntity> {
    if (await manager.findOne(OrganisationEntity, { where: { slug: dto.slug } })) {
      throw new ConflictError(`Organisation "${dto.slug}" already exists`, [
        { field: 'slug', problem: `"${dto.slug}" is already used` },
      ]);
    }
    const entity = manager.create(OrganisationEntity, {
      id: randomUUID(),
      slug: dto.slug,
      createdAt: now,
      updatedAt: now,
    });
    assign(entity, dto);
    await manager.insert(OrganisationEntity, entity);
    return entity;
  }

  update(slug: string, patch: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.dataSource.transaction(async (manager) => {
      const entity = await this.find(manager, slug);
      const merged: Record<string, unknown> = { ...toView(entity) };
      delete merged.createdAt;
      delete merged.updatedAt;
      for (const [field, value] of Object.entries(patch)) {
        if (value === null || value === undefined) delete merged[field];
        else merged[field] = value;
      }
      merged.slug = slug;
      return toView(await this.updateWith(manager, entity, merged, this.clock.instant()));
    });
  }

  /**
   * Replaces the organisation's fields with `fields` (validated as a whole), inside the caller's
   * transaction, at the caller's instant.
   */
  async updateWith(manager: EntityManager, entity: OrganisationEntity, fields: Record<string, unknown>, now: string) {
    const before: Record<string, unknown> = { ...toView(entity) };
    delete before.createdAt;
    delete before.updatedAt;
    const { value, problems } = validateAs(CreateOrganisationDto, { ...fields, slug: entity.slug });
    if (problems.length) throw new ValidationFailedError(problems);
    assign(entity, value);
    entity.updatedAt = now;
    await manager.save(OrganisationEntity, entity);
    await audit(manager, {
      organisationId: entity.id,
      at: now,
      action: 'update',
      entity: 'Organisation',
      key: entity.slug,
      before,
      after: value,
    });
    return entity;
  }

  remove(slug: string): Promise<void> {
    return this.dataSource.transaction(async (manager) =>
      this.removeWith(manager, await this.find(manager, slug), this.clock.instant()),
    );
  }

  /** Deletes an organisation and everything it holds, children first (no reliance on cascade order). */
  async removeWith(manager: EntityManager, org: OrganisationEntity, now: string): Promise<void> {
    const organisationId = org.id;
    await removeAllRecords(manager, organisationId);
    // What is not a record of a kind — alerts and their deliveries, published versions — goes with the
    // organisation through the foreign keys declared ON DELETE CASCADE (the schema test holds them).
    await manager.delete(OrganisationEntity, { id: organisationId });
    await audit(manager, {
      organisationId,
      at: now,
      action: 'delete',
      entity: 'Organisation',
      key: org.slug,
      before: toView(org),
    });
  }

  /**
   * A replacing import: the organisation keeps its row (and so its versions, audit trail, alerts and
   * channels) while its fields and every bundled record are replaced (inside the caller's transaction).
   */
  async replaceWith(manager: EntityManager, org: OrganisationEntity, dto: CreateOrganisationDto, now: string) {
    await removeAllRecords(manager, org.id, BUNDLED_KINDS);
    assign(org, dto);
    org.updatedAt = now;
    await manager.save(OrganisationEntity, org);
    return org;
  }

  async find(manager: EntityManager, slug: string): Promise<OrganisationEntity> {
    const org = await manager.findOne(OrganisationEntity, { where: { slug } });
    if (!org) throw new NotFoundError('Organisation', slug);
    return org;
  }
}

function assign(entity: OrganisationEntity, dto: CreateOrganisationDto): void {
  const target = entity as unknown as Record<string, unknown>;
  const source = dto as unknown as Record<string, unknown>;
  for (const field of FIELDS) target[field] = source[field] ?? null;
}

export function toView(entity: OrganisationEntity): OrganisationView {
  const source = entity as unknown as Record<string, unknown>;
  const view: Record<string, unknown> = { slug: entity.slug };
  for (const field of FIELDS) if (source[field] !== null && source[field] !== undefined) view[field] = source[field];
  view.createdAt = entity.createdAt;
  view.updatedAt = entity.updatedAt;
  return view as unknown as OrganisationView;
}
