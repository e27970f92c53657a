import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import { OrgRecordEntity } from '../database/columns';
import { ConflictError, FieldProblem, InvalidReferenceError, NotFoundError, ValidationFailedError } from './errors';
import { validateAs } from './validate';

type EntityClass<E> = new () => E;

/** A DTO field that names another record by key, stored as that record's id. */
export interface RefSpec {
  field: string;
  column: string;
  target: EntityClass<OrgRecordEntity>;
  what: string;
}

/** Finds what still points at a record: deleting it first would leave those dangling. */
export interface ReferrerSpec {
  column: string;
  find: (manager: EntityManager, id: string) => Promise<string[]>;
}

/** Referrers found by a column of another record table; reported by their keys. */
export function referrer(target: EntityClass<OrgRecordEntity>, column: string, what: string): ReferrerSpec {
  return {
    column,
    find: async (manager, id) => {
      const rows = await manager.find(target, { where: { [column]: id } as never, select: { key: true } });
      return rows.map((r) => `${what} "${r.key}"`);
    },
  };
}

export interface RecordSpec<E extends OrgRecordEntity, D extends { key: string }> {
  /** Human name for messages, e.g. "Subcontractor". */
  what: string;
  entity: EntityClass<E>;
  createDto: EntityClass<D>;
  /** DTO fields stored one-to-one on the entity, in the order exports list them. */
  fields: readonly (keyof D & keyof E & string)[];
  refs: readonly RefSpec[];
  referrers: readonly ReferrerSpec[];
  defaults?: Partial<Record<keyof D & string, unknown>>;
  /** Checks across fields that decorators cannot express. */
  check?: (dto: D) => FieldProblem[];
}

export type RecordView<D> = D & { createdAt: string; updatedAt: string };

/**
 * Maps an organisation's keys to ids per table, loading each table's keys once. One index serves a
 * whole request or import, so resolving references costs one query per table, not one per record.
 */
export class KeyIndex {
  private readonly byTarget = new Map<EntityClass<OrgRecordEntity>, Map<string, string>>();

  constructor(
    private readonly manager: EntityManager,
    private readonly organisationId: string,
  ) {}

  async keysToIds(target: EntityClass<OrgRecordEntity>): Promise<Map<string, string>> {
    let map = this.byTarget.get(target);
    if (!map) {
      const rows = await this.manager.find(target, {
        select: { id: true, key: true },
        where: { organisationId: this.organisationId },
      });
      map = new Map(rows.map((r) => [r.key, r.id]));
      this.byTarget.set(target, map);
    }
    return map;
  }

  async idsToKeys(target: EntityClass<OrgRecordEntity>): Promise<Map<string, string>> {
    const map = await this.keysToIds(target);
    return new Map([...map].map(([k, id]) => [id, k]));
  }

  remember(target: EntityClass<OrgRecordEntity>, key: string, id: string): void {
    this.byTarget.get(target)?.set(key, id);
  }

  forget(target: EntityClass<OrgRecordEntity>, key: string): void {
    this.byTarget.get(target)?.delete(key);
  }
}

/**
 * CRUD for one kind of organisation record. The transaction is the caller's: every method takes the
 * EntityManager it must write through, so an import and a single API call share the same code.
 */
export class RecordStore<E extends OrgRecordEntity, D extends { key: string }> {
  constructor(protected readonly spec: RecordSpec<E, D>) {}

  get what(): string {
    return this.spec.what;
  }

  async list(manager: EntityManager, organisationId: string, index = new KeyIndex(manager, organisationId)) {
    const rows = await manager.find(this.spec.entity, {
      where: { organisationId } as never,
      order: { key: 'ASC' } as never,
    });
    return this.toViews(manager, rows, index);
  }

  async get(manager: EntityManager, organisationId: string, key: string): Promise<RecordView<D>> {
    const row = await this.find(manager, organisationId, key);
    const [view] = await this.toViews(manager, [row], new KeyIndex(manager, organisationId));
    return view;
  }

  async create(manager: EntityManager, organisationId: string, dto: D, index = new KeyIndex(manager, organisationId)) {
    const existing = await manager.findOne(this.spec.entity, { where: { organisationId, key: dto.key } as never });
    if (existing) {
      throw new ConflictError(`${this.spec.what} "${dto.key}" already exists`, [
        { field: 'key', problem: `"${dto.key}" is already used by another ${this.spec.what.toLowerCase()}` },
      ]);
    }
    const now = new Date().toISOString();
    const entity = new this.spec.entity();
    Object.assign(entity, { id: randomUUID(), organisationId, key: dto.key, createdAt: now, updatedAt: now });
    await this.assign(entity, dto, index);
    await manager.insert(this.spec.entity, entity as never);
    index.remember(this.spec.entity, dto.key, entity.id);
    await this.afterWrite(manager, entity, dto, index);
    await audit(manager, { organisationId, action: 'create', entity: this.spec.what, key: dto.key, after: dto });
    return entity;
  }

  /** Merges the patch into the stored record and validates the result as a whole before writing. */
  async update(manager: EntityManager, organisationId: string, key: string, patch: Partial<D>) {
    const row = await this.find(manager, organisationId, key);
    const index = new KeyIndex(manager, organisationId);
    const [current] = await this.toViews(manager, [row], index);
    const merged: Record<string, unknown> = { ...stripMeta(current) };
    for (const [field, value] of Object.entries(patch)) {
      if (value === null || value === undefined) delete merged[field];
      else merged[field] = value;
    }
    merged.key = key;
    const { value, problems } = validateAs(this.spec.createDto, merged);
    if (problems.length) throw new ValidationFailedError(problems);
    await this.assign(row, value, index);
    row.updatedAt = new Date().toISOString();
    await manager.save(this.spec.entity, row as never);
    await this.afterWrite(manager, row, value, index);
    await audit(manager, {
      organisationId,
      action: 'update',
      entity: this.spec.what,
      key,
      before: stripMeta(current),
      after: value,
    });
    return row;
  }

  async remove(manager: EntityManager, organisationId: string, key: string): Promise<void> {
    const row = await this.find(manager, organisationId, key);
    const blockers: FieldProblem[] = [];
    for (const r of this.spec.referrers) {
      for (const user of await r.find(manager, row.id)) blockers.push({ field: r.column, problem: `used by ${user}` });
    }
    if (blockers.length) {
      throw new ConflictError(`${this.spec.what} "${key}" is still referenced; remove or change those first`, blockers);
    }
    const [before] = await this.toViews(manager, [row], new KeyIndex(manager, organisationId));
    await manager.delete(this.spec.entity, { id: row.id });
    await audit(manager, { organisationId, action: 'delete', entity: this.spec.what, key, before: stripMeta(before) });
  }

  async find(manager: EntityManager, organisationId: string, key: string): Promise<E> {
    const row = await manager.findOne(this.spec.entity, { where: { organisationId, key } as never });
    if (!row) throw new NotFoundError(this.spec.what, key);
    return row;
  }

  async toViews(manager: EntityManager, rows: E[], index: KeyIndex): Promise<RecordView<D>[]> {
    const idMaps = new Map<string, Map<string, string>>();
    for (const ref of this.spec.refs) idMaps.set(ref.field, await index.idsToKeys(ref.target));
    const bag = rows as unknown as Record<string, unknown>[];
    return bag.map((row) => {
      const view: Record<string, unknown> = { key: row.key };
      for (const ref of this.spec.refs) {
        const id = row[ref.column] as string | null;
        if (id) view[ref.field] = idMaps.get(ref.field)?.get(id);
      }
      for (const field of this.spec.fields) {
        const value = row[field];
        if (value !== null && value !== undefined) view[field] = value;
      }
      view.createdAt = row.createdAt;
      view.updatedAt = row.updatedAt;
      return view as RecordView<D>;
    });
  }

  /** Hook for records with child rows (a treatment's uses). */
  protected async afterWrite(_manager: EntityManager, _entity: E, _dto: D, _index: KeyIndex): Promise<void> {}

  private async assign(entity: E, dto: D, index: KeyIndex): Promise<void> {
    const target = entity as unknown as Record<string, unknown>;
    const source = dto as unknown as Record<string, unknown>;
    const problems: FieldProblem[] = this.spec.check?.(dto) ?? [];
    if (problems.length) throw new ValidationFailedError(problems);
    for (const ref of this.spec.refs) {
      const key = source[ref.field] as string | undefined;
      if (key === undefined) {
        target[ref.column] = null;
        continue;
      }
      const id = (await index.keysToIds(ref.target)).get(key);
      if (!id) problems.push({ field: ref.field, problem: `no ${ref.what} with key "${key}" in this organisation` });
      target[ref.column] = id ?? null;
    }
    if (problems.length) throw new InvalidReferenceError(problems);
    for (const field of this.spec.fields) {
      target[field] = source[field] ?? this.spec.defaults?.[field] ?? null;
    }
  }
}

export function stripMeta<D>(view: RecordView<D>): D {
  const { createdAt: _c, updatedAt: _u, ...rest } = view;
  return rest as unknown as D;
}
