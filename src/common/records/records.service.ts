import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock';
import { RecordStore, RecordView } from './record-store';
import { OrgRecordEntity } from '../columns';
import { OrganisationResolver } from '../organisation-resolver';
import { ConflictError, FieldProblem } from '../errors';

/**
 * Finds what still refers to a record, across every kind; the registry of record kinds provides it
 * (records/records.module.ts), so this generic service needs no list of kinds.
 */
export abstract class RecordReferences {
  abstract referrersOf(
    manager: EntityManager,
    organisationId: string,
    store: { entity: unknown },
    record: { id: string; key: string },
  ): Promise<FieldProblem[]>;
}

/**
 * The HTTP and CLI face of every organisation record: resolves the slug (404 when unknown), then
 * runs the store inside one transaction. Nothing of one organisation is reachable through another's
 * slug because every store query is filtered by the resolved organisation id.
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationResolver,
    private readonly references: RecordReferences,
    private readonly clock: Clock,
  ) {}

  async list<E extends OrgRecordEntity, D extends { key: string }>(slug: string, store: RecordStore<E, D>) {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    return store.list(this.dataSource.manager, org.id);
  }

  async get<E extends OrgRecordEntity, D extends { key: string }>(slug: string, store: RecordStore<E, D>, key: string) {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    return store.get(this.dataSource.manager, org.id, key);
  }

  create<E extends OrgRecordEntity, D extends { key: string }>(
    slug: string,
    store: RecordStore<E, D>,
    dto: D,
  ): Promise<RecordView<D>> {
    return this.dataSource.transaction(async (manager) => {
      const org = await this.organisations.find(manager, slug);
      const entity = await store.create(manager, org.id, dto, this.clock.instant());
      return store.get(manager, org.id, entity.key);
    });
  }

  update<E extends OrgRecordEntity, D extends { key: string }>(
    slug: string,
    store: RecordStore<E, D>,
    key: string,
    patch: Partial<D>,
  ): Promise<RecordView<D>> {
    return this.dataSource.transaction(async (manager) => {
      const org = await this.organisations.find(manager, slug);
      await store.update(manager, org.id, key, patch, this.clock.instant());
      return store.get(manager, org.id, key);
    });
  }

  remove<E extends OrgRecordEntity, D extends { key: string }>(slug: string, store: RecordStore<E, D>, key: string) {
    return this.dataSource.transaction(async (manager) => {
      const org = await this.organisations.find(manager, slug);
      const row = await store.find(manager, org.id, key);
      const blockers = await this.references.referrersOf(manager, org.id, store, row);
      if (blockers.length) {
        throw new ConflictError(`${store.what} "${key}" is still referenced; remove or change those first`, blockers);
      }
      await store.remove(manager, org.id, key, this.clock.instant());
    });
  }
}
