import { DataSource, DataSourceOptions, EntityManager, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { SqliteQueryRunner } from './sqlite-query-runner';
import { WriteGate } from './write-gate';

/**
 * The application's data source: TypeORM's, with SQLite's one shared connection made safe for concurrent
 * requests (see SqliteQueryRunner). On PostgreSQL every transaction has its own pooled connection and
 * nothing changes. Transactions go through `dataSource.transaction()` (or `manager.transaction()`).
 */
export class RegistreDataSource extends DataSource {
  constructor(options: DataSourceOptions) {
    super(options);
    if (options.type === 'better-sqlite3') {
      const driver = this.driver as BetterSqlite3Driver;
      driver.queryRunner = new SqliteQueryRunner(driver, new WriteGate(), {
        path: options.database,
        busyTimeoutMs: options.timeout ?? 5000,
        readonly: options.readonly ?? false,
      });
    }
  }

  /** The SQLite runner, or undefined on PostgreSQL. */
  get sqlite(): SqliteQueryRunner | undefined {
    const runner = (this.driver as Partial<BetterSqlite3Driver>).queryRunner;
    return runner instanceof SqliteQueryRunner ? runner : undefined;
  }

  override createEntityManager(queryRunner?: QueryRunner): EntityManager {
    return new RegistreEntityManager(this, queryRunner);
  }

  override async initialize(): Promise<this> {
    await super.initialize();
    const sqlite = this.sqlite;
    if (sqlite) sqlite.readsEnabled = true;
    return this;
  }

  override async destroy(): Promise<void> {
    this.sqlite?.closeReader();
    await super.destroy();
  }
}

/**
 * On SQLite, a transaction holds the write gate from BEGIN to COMMIT and finds the connection clean; so do
 * the implicit transactions of save/remove outside a transaction (TypeORM would begin them on the shared
 * connection, inside whatever transaction another request has open).
 */
export class RegistreEntityManager extends EntityManager {
  private get sqlite(): SqliteQueryRunner | undefined {
    return this.dataSource instanceof RegistreDataSource ? this.dataSource.sqlite : undefined;
  }

  /** Outside any transaction of this process, on SQLite: the work must take the gate (internal). */
  get needsGate(): SqliteQueryRunner | undefined {
    const sqlite = this.sqlite;
    return sqlite && !this.queryRunner && !sqlite.gate.owned ? sqlite : undefined;
  }

  override transaction<T>(run: (manager: EntityManager) => Promise<T>): Promise<T>;
  override transaction<T>(isolation: IsolationLevel, run: (manager: EntityManager) => Promise<T>): Promise<T>;
  override async transaction<T>(
    isolationOrRun: IsolationLevel | ((manager: EntityManager) => Promise<T>),
    maybeRun?: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const begin = () =>
      typeof isolationOrRun === 'function'
        ? super.transaction(isolationOrRun)
        : super.transaction(isolationOrRun, maybeRun!);
    const sqlite = this.needsGate;
    if (!sqlite) return begin(); // PostgreSQL, or a savepoint inside the open transaction
    return sqlite.gate.run(async () => {
      await sqlite.recover();
      try {
        return await begin();
      } finally {
        await sqlite.recover();
      }
    }, sqlite.waitMs);
  }
}

// save, remove, softRemove and recover open a transaction of their own when none is open: on SQLite, run
// them inside one through the gate. Patched on the prototype because TypeORM declares them with many
// overloads; the arguments go through unchanged.
for (const method of ['save', 'remove', 'softRemove', 'recover'] as const) {
  const original = EntityManager.prototype[method] as (...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(RegistreEntityManager.prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: RegistreEntityManager, ...args: unknown[]): Promise<unknown> {
      if (!this.needsGate) return original.apply(this, args);
      return this.transaction((manager) => original.apply(manager, args));
    },
  });
}
