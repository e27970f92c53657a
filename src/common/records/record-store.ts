import type { Timestamped } from '../responses.dto';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { audit, AuditEntry, auditMany } from '../../audit/audit';
import { insertInChunks } from '../insert-chunks';
import { OrgRecordEntity } from '../columns';
import { ConflictError, FieldProblem, InvalidReferenceError, NotFoundError, ValidationFailedError } from '../errors';
import { keysAt, rootField } from './key-paths';
import { validateAs } from '../validate';
import { yieldToEventLoop } from '../steps';

type EntityClass<E> = new () => E;

/**
 * A field of a record that names another record of the same organisation by its key. Declared once
 * per reference: writes check it (400 `invalid_reference`), deletes look it up backwards (409 while
 * something still refers), and bundle validation checks it across the whole bundle.
 */
export interface RefSpec {
  /** Where the key sits in the DTO: `provider`, `uses[].engagement`, `treatments[]`, `notifications[].from`. */
  path: string;
  target: EntityClass<OrgRecordEntity>;
  /** For messages: "subcontractor". */
  what: string;
  /** The entity column that stores the target's id; absent when the key itself is stored (in JSON). */
  column?: string;
  /** Values at the path that are not keys (fixed parties such as "organisation" or "cnil"). */
  except?: readonly string[];
  /** A key may appear only once in the list. */
  unique?: boolean;
}

export interface RecordSpec<E extends OrgRecordEntity, D extends { key: string }> {
  /** Human name for messages, e.g. "Subcontractor". */
  what: string;
  entity: EntityClass<E>;
  createDto: EntityClass<D>;
  /** DTO fields stored one-to-one on the entity, in the order exports list them. */
  fields: readonly (keyof D & keyof E & string)[];
  refs: readonly RefSpec[];
  defaults?: Partial<Record<keyof D & string, unknown>>;
  /** Checks across fields that decorators cannot express. */
  check?: (dto: D) => FieldProblem[];
}

export type RecordView<D> = Timestamped<D>;

/**
 * Maps an organisation's keys to ids per table, loading each table's keys once. One index serves a
 * whole request or import, so resolving references costs one query per table, not one per record.
 */
export class KeyIndex {
  private readonly byTarget = new Map<EntityClass<OrgRecordEntity>, Map<string, string>>();
  private readonly reversed = new Map<EntityClass<OrgRecordEntity>, Map<string, string>>();

  constructor(
    private readonly manager: EntityManager,
    private readonly organisationId: string,
  ) {}

  async keysToIds(target: EntityClass<OrgRecordEntity>): Promise<Map<string, string>> {
    let map = this.byTarget.get(target);
    if (!map) {
      const rows = await readRaw<{ id: string; key: string }>(this.manager, target, {
        columns: ['id', 'key'],
        where: 'organisation_id = :organisationId',
        parameters: { organisationId: this.organisationId },
      });
      map = new Map(rows.map((r) => [r.key, r.id]));
      this.byTarget.set(target, map);
    }
    return map;
  }

  async idsToKeys(target: EntityClass<OrgRecordEntity>): Promise<Map<string, string>> {
    const map = await this.keysToIds(target);
    let reverse = this.reversed.get(target);
    if (!reverse) {
      reverse = new Map([...map].map(([k, id]) => [id, k]));
      this.reversed.set(target, reverse);
    }
    return reverse;
  }

  /** Also starts keeping the index of a table it does not hold yet: the caller knows it is complete (a new organisation). */
  remember(target: EntityClass<OrgRecordEntity>, key: string, id: string): void {
    this.byTarget.get(target)?.set(key, id);
    this.reversed.get(target)?.set(id, key);
  }

  forget(target: EntityClass<OrgRecordEntity>, key: string): void {
    const id = this.byTarget.get(target)?.get(key);
    this.byTarget.get(target)?.delete(key);
    if (id !== undefined) this.reversed.get(target)?.delete(id);
  }
}

/**
 * CRUD for one kind of organisation record. The transaction is the caller's: every method takes the
 * EntityManager it must write through, so an import and a single API call share the same code. Writes
 * take `now` (the caller's Clock instant) for the record's timestamps and its audit row.
 */
export class RecordStore<E extends OrgRecordEntity, D extends { key: string }> {
  constructor(protected readonly spec: RecordSpec<E, D>) {}

  get what(): string {
    return this.spec.what;
  }

  /**
   * Every record of the organisation, by key. Read raw (columns converted as the driver would, no
   * entity objects), `PAGE_ROWS` rows per query with the event loop given back between pages: on SQLite
   * a query holds the process while it runs.
   */
  async list(manager: EntityManager, organisationId: string, index = new KeyIndex(manager, organisationId)) {
    const views: RecordView<D>[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await readRaw<E>(manager, this.spec.entity, {
        where: pageWhere(after),
        parameters: { organisationId, after },
        order: '"key"',
        limit: PAGE_ROWS,
      });
      for (const view of await this.toViews(manager, rows, index)) views.push(view);
      if (rows.length < PAGE_ROWS) return views;
      after = rows[rows.length - 1].key;
      await yieldToEventLoop();
    }
  }

  /**
   * Every record as a bundle holds it (no timestamps), made straight from the driver's rows in one pass
   * (the export and snapshot path: `list` then `stripMeta` copied each record three times). Same values,
   * same key order as `stripMeta` of `list`, `PAGE_ROWS` rows per query with the event loop given back
   * between pages.
   */
  async listBare(manager: EntityManager, organisationId: string, index: KeyIndex): Promise<D[]> {
    const metadata = manager.connection.getMetadata(this.spec.entity);
    const driver = manager.connection.driver;
    const column = (property: string) => {
      const c = metadata.findColumnWithPropertyName(property);
      if (!c) throw new Error(`${this.spec.what}: no column for ${property}`);
      return c;
    };
    const refs: { path: string; db: string; keys: Map<string, string> }[] = [];
    for (const ref of this.spec.refs) {
      if (ref.column)
        refs.push({ path: ref.path, db: column(ref.column).databaseName, keys: await index.idsToKeys(ref.target) });
    }
    const fields = this.spec.fields.map((name) => {
      const c = column(name);
      return { name, db: c.databaseName, convert: needsConversion(c) ? c : undefined };
    });
    const selected = [...new Set(['id', 'key', ...refs.map((r) => r.db), ...fields.map((f) => f.db)])];
    const list = selected.map((c) => driver.escape(c)).join(', ');
    const views: D[] = [];
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const [text, parameters] = driver.escapeQueryWithParameters(
        `SELECT ${list} FROM ${driver.escape(metadata.tableName)} WHERE ${pageWhere(after)} ORDER BY "key" LIMIT ${PAGE_ROWS}`,
        { organisationId, after },
      );
      const rows = await manager.query<Record<string, unknown>[]>(text, parameters);
      for (const row of rows) {
        const view: Record<string, unknown> = { key: row.key };
        for (const ref of refs) {
          const id = row[ref.db] as string | null;
          if (id) view[ref.path] = ref.keys.get(id);
        }
        for (const f of fields) {
          const raw = row[f.db];
          const value: unknown =
            f.convert && ((raw !== null && raw !== undefined) || f.convert.transformer)
              ? (driver.prepareHydratedValue(raw, f.convert) as unknown)
              : raw;
          if (value !== null && value !== undefined) view[f.name] = value;
        }
        views.push(view as D);
        ids.push(row.id as string);
      }
      if (rows.length < PAGE_ROWS) break;
      after = rows[rows.length - 1].key as string;
      await yieldToEventLoop();
    }
    await this.attachChildren(manager, views, ids, index);
    return views;
  }

  /** Hook for records with child rows: adds them to bare views (`ids[i]` is `views[i]`'s row). */
  protected async attachChildren(
    _manager: EntityManager,
    _views: D[],
    _ids: string[],
    _index: KeyIndex,
  ): Promise<void> {}

  async get(manager: EntityManager, organisationId: string, key: string): Promise<RecordView<D>> {
    const row = await this.find(manager, organisationId, key);
    const [view] = await this.toViews(manager, [row], new KeyIndex(manager, organisationId));
    return view;
  }

  async create(
    manager: EntityManager,
    organisationId: string,
    dto: D,
    now: string,
    index = new KeyIndex(manager, organisationId),
  ) {
    const existing = await manager.findOne(this.spec.entity, { where: { organisationId, key: dto.key } as never });
    if (existing) {
      throw new ConflictError(`${this.spec.what} "${dto.key}" already exists`, [
        { field: 'key', problem: `"${dto.key}" is already used by another ${this.spec.what.toLowerCase()}` },
      ]);
    }
    const entity = new this.spec.entity();
    Object.assign(entity, { id: randomUUID(), organisationId, key: dto.key, createdAt: now, updatedAt: now });
    await this.assign(entity, dto, index);
    await manager.insert(this.spec.entity, entity as never);
    index.remember(this.spec.entity, dto.key, entity.id);
    await this.afterWrite(manager, entity, dto, index);
    await audit(manager, this.created(organisationId, dto, now));
    return entity;
  }

  /**
   * Creates the records of an organisation that has none yet (an import of a new organisation): each
   * checked as `create` checks it and in the same order (a record may name one created before it), then
   * written with multi-row inserts, its child rows and audit rows alike, in the caller's transaction.
   * No existence check and no delete of child rows: there is nothing yet. `where(i)` names the i-th
   * record in the problems of an error.
   */
  async createMany(
    manager: EntityManager,
    organisationId: string,
    dtos: readonly D[],
    now: string,
    index: KeyIndex,
    where: (error: unknown, i: number) => unknown = (error) => error,
  ): Promise<void> {
    const entities: E[] = [];
    for (const [i, dto] of dtos.entries()) {
      const entity = new this.spec.entity();
      Object.assign(entity, { id: randomUUID(), organisationId, key: dto.key, createdAt: now, updatedAt: now });
      try {
        await this.assign(entity, dto, index);
      } catch (error) {
        throw where(error, i);
      }
      index.remember(this.spec.entity, dto.key, entity.id);
      entities.push(entity);
    }
    await insertInChunks(manager, this.spec.entity, entities);
    await this.afterCreateMany(manager, entities, dtos, index);
    await auditMany(
      manager,
      dtos.map((dto) => this.created(organisationId, dto, now)),
    );
  }

  /** The audit entry of a record created. */
  private created(organisationId: string, dto: D, now: string): AuditEntry {
    return { organisationId, at: now, action: 'create', entity: this.spec.what, key: dto.key, after: dto };
  }

  /** Merges the patch into the stored record and validates the result as a whole before writing. */
  async update(manager: EntityManager, organisationId: string, key: string, patch: Partial<D>, now: string) {
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
    row.updatedAt = now;
    await manager.save(this.spec.entity, row as never);
    await this.afterWrite(manager, row, value, index);
    await audit(manager, {
      organisationId,
      at: now,
      action: 'update',
      entity: this.spec.what,
      key,
      before: stripMeta(current),
      after: value,
    });
    return row;
  }

  /** Deletes one record; the caller has checked that nothing refers to it (see records/record-kinds.ts). */
  async remove(manager: EntityManager, organisationId: string, key: string, now: string): Promise<void> {
    const row = await this.find(manager, organisationId, key);
    const [before] = await this.toViews(manager, [row], new KeyIndex(manager, organisationId));
    await manager.delete(this.spec.entity, { id: row.id });
    await audit(manager, {
      organisationId,
      at: now,
      action: 'delete',
      entity: this.spec.what,
      key,
      before: stripMeta(before),
    });
  }

  /** Deletes every record of the organisation (organisation deletion, replacing import). */
  async removeAll(manager: EntityManager, organisationId: string): Promise<void> {
    await manager.delete(this.spec.entity, { organisationId });
  }

  get entity(): EntityClass<E> {
    return this.spec.entity;
  }

  get refs(): readonly RefSpec[] {
    return this.spec.refs;
  }

  get createDto(): EntityClass<D> {
    return this.spec.createDto;
  }

  /** Cross-field checks of one record (also run on bundles before anything is written). */
  check(dto: D): FieldProblem[] {
    return this.spec.check?.(dto) ?? [];
  }

  /** Keys of this kind's records that refer, through `ref`, to the record `target`. */
  async referring(manager: EntityManager, organisationId: string, ref: RefSpec, target: { id: string; key: string }) {
    if (ref.column) {
      const rows = await manager.find(this.spec.entity, {
        where: { organisationId, [ref.column]: target.id } as never,
        select: { key: true } as never,
      });
      return rows.map((r) => r.key);
    }
    const field = rootField(ref.path);
    const rows = (await manager.find(this.spec.entity, {
      where: { organisationId } as never,
      select: { key: true, [field]: true } as never,
    })) as unknown as Record<string, unknown>[];
    return rows
      .filter((row) => keysAt(row, ref.path).some((k) => k.value === target.key))
      .map((row) => row.key as string);
  }

  async find(manager: EntityManager, organisationId: string, key: string): Promise<E> {
    const row = await manager.findOne(this.spec.entity, { where: { organisationId, key } as never });
    if (!row) throw new NotFoundError(this.spec.what, key);
    return row;
  }

  async toViews(manager: EntityManager, rows: E[], index: KeyIndex): Promise<RecordView<D>[]> {
    const idMaps = new Map<string, Map<string, string>>();
    const columnRefs = this.spec.refs.filter((r): r is RefSpec & { column: string } => r.column !== undefined);
    for (const ref of columnRefs) idMaps.set(ref.path, await index.idsToKeys(ref.target));
    const bag = rows as unknown as Record<string, unknown>[];
    return bag.map((row) => {
      const view: Record<string, unknown> = { key: row.key };
      for (const ref of columnRefs) {
        const id = row[ref.column] as string | null;
        if (id) view[ref.path] = idMaps.get(ref.path)?.get(id);
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

  /** The hook after `createMany`: `afterWrite` for each record unless a store does it at once. */
  protected async afterCreateMany(
    manager: EntityManager,
    entities: readonly E[],
    dtos: readonly D[],
    index: KeyIndex,
  ): Promise<void> {
    for (const [i, entity] of entities.entries()) await this.afterWrite(manager, entity, dtos[i], index);
  }

  private async assign(entity: E, dto: D, index: KeyIndex): Promise<void> {
    const target = entity as unknown as Record<string, unknown>;
    const source = dto as unknown as Record<string, unknown>;
    const problems: FieldProblem[] = this.check(dto);
    if (problems.length) throw new ValidationFailedError(problems);
    const refProblems = await this.referenceProblems(dto, index);
    if (refProblems.length) throw new InvalidReferenceError(refProblems);
    for (const ref of this.spec.refs) {
      if (!ref.column) continue;
      const key = source[ref.path] as string | undefined;
      target[ref.column] = key === undefined ? null : ((await index.keysToIds(ref.target)).get(key) ?? null);
    }
    for (const field of this.spec.fields) {
      target[field] = source[field] ?? this.spec.defaults?.[field] ?? null;
    }
  }

  /** Every key the record names must be a record of the organisation (and listed once where unique). */
  async referenceProblems(dto: D, index: KeyIndex): Promise<FieldProblem[]> {
    const known = new Map<RefSpec, Map<string, string>>();
    for (const ref of this.spec.refs) known.set(ref, await index.keysToIds(ref.target));
    return checkReferences(dto, this.spec.refs, (ref) => known.get(ref), ' in this organisation');
  }
}

/**
 * The problems of the keys one record names: each must name a known record (`known` per reference),
 * and appear once in a list where the reference is unique. Shared by writes and bundle validation.
 */
export function checkReferences(
  record: unknown,
  refs: readonly RefSpec[],
  known: (ref: RefSpec) => { has(key: string): boolean } | undefined,
  where = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const ref of refs) {
    const keys = known(ref);
    const listed = new Set<string>();
    for (const { field, value } of keysAt(record, ref.path)) {
      if (ref.except?.includes(value)) continue;
      if (!keys?.has(value)) problems.push({ field, problem: `no ${ref.what} with key "${value}"${where}` });
      else if (ref.unique && listed.has(value))
        problems.push({ field, problem: `${ref.what} "${value}" is listed twice` });
      listed.add(value);
    }
  }
  return problems;
}

/** Rows per query when a whole kind is read. */
export const PAGE_ROWS = 500;

/** The organisation's rows after the last key of the previous page (keyset paging, `:organisationId`, `:after`). */
function pageWhere(after: string | undefined): string {
  return after === undefined
    ? 'organisation_id = :organisationId'
    : 'organisation_id = :organisationId AND "key" > :after';
}

/** Text needs no conversion on either driver; the rest goes through the driver as hydration would. */
function needsConversion(c: ColumnMetadata): boolean {
  return !((c.type === 'varchar' || c.type === 'text') && !c.transformer);
}

/**
 * Rows of an entity's table as plain objects named and typed like the entity (JSON parsed, booleans
 * read, as the driver converts them), without building entities: the list path of exports and
 * snapshots. `where` and `order` name columns as the database does, parameters as `:name`.
 */
export async function readRaw<T>(
  manager: EntityManager,
  entity: EntityClass<unknown>,
  query: {
    columns?: readonly string[];
    where: string;
    parameters: Record<string, unknown>;
    order?: string;
    limit?: number;
  },
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((c) => !query.columns || query.columns.includes(c.databaseName));
  const list = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  let sql = `SELECT ${list} FROM ${driver.escape(metadata.tableName)} WHERE ${query.where}`;
  if (query.order) sql += ` ORDER BY ${query.order}`;
  if (query.limit) sql += ` LIMIT ${Math.trunc(query.limit)}`;
  const [text, parameters] = driver.escapeQueryWithParameters(sql, query.parameters);
  const raw = await manager.query<Record<string, unknown>[]>(text, parameters);
  const plain = columns.filter((c) => !needsConversion(c));
  const converted = columns.filter(needsConversion);
  return raw.map((row) => {
    const out: Record<string, unknown> = {};
    for (const c of plain) out[c.propertyName] = row[c.databaseName];
    for (const c of converted) out[c.propertyName] = driver.prepareHydratedValue(row[c.databaseName], c);
    return out as T;
  });
}

export function stripMeta<D>(view: RecordView<D>): D {
  const { createdAt: _c, updatedAt: _u, ...rest } = view;
  return rest as unknown as D;
}
