import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { QueryFailedError, QueryResult, QueryRunnerAlreadyReleasedError, TransactionNotStartedError } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { BroadcasterResult } from 'typeorm/subscriber/BroadcasterResult';
import { TransactionAbortedError } from '../common/database-errors';
import { WriteGate } from './write-gate';

type Connection = Database.Database;
type Statement = Database.Statement<unknown[]>;

const CONTROL = /^\s*(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
const CACHE_SIZE = 100;

/** How the application opens the SQLite file (the same settings for the first connection and a replacement). */
export interface SqliteSettings {
  path: string;
  busyTimeoutMs: number;
  readonly: boolean;
}

/** Opens the write connection: foreign keys on, WAL journal (readers never wait for the writer). */
export function openWriter(settings: SqliteSettings): Connection {
  const db = new Database(settings.path, { timeout: settings.busyTimeoutMs, readonly: settings.readonly });
  db.pragma('foreign_keys = ON');
  if (!settings.readonly) db.pragma('journal_mode = WAL');
  return db;
}

/**
 * The one query runner TypeORM gives a SQLite data source, made safe for concurrent requests:
 *
 * - **one transaction at a time**: transactions run under a {@link WriteGate}; a statement from outside the
 *   open transaction waits for it instead of joining it (a write) — or reads committed data on a separate
 *   read-only connection (a read), so reads never see a write in progress and never wait for one;
 * - **IMMEDIATE**: a transaction takes the write lock when it begins, so a busy database (another process
 *   writing) is waited for up to the busy timeout, instead of failing when a read turns into a write;
 * - **known clean after a failure**: when SQLite has already rolled a transaction back itself (a full disk,
 *   an I/O error), the failed ROLLBACK no longer leaves TypeORM believing a transaction is open; a statement
 *   of a transaction SQLite ended is refused rather than run outside it; and a connection still inside a
 *   transaction nobody owns is rolled back, or replaced, before the next write.
 */
export class SqliteQueryRunner extends BetterSqlite3QueryRunner {
  private readonly logger = new Logger('SQLite');
  private readonly statements = new WeakMap<Connection, Map<string, Statement | null>>();
  private reader: Connection | undefined;
  /** Reads go to the read connection once the application is started (not during the migrations). */
  readsEnabled = false;

  constructor(
    driver: BetterSqlite3Driver,
    readonly gate: WriteGate,
    private readonly settings: SqliteSettings,
  ) {
    super(driver);
  }

  private get writer(): Connection {
    return this.driver.databaseConnection as Connection;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's QueryRunner.query contract
  override async query(query: string, parameters: unknown[] = [], useStructuredResult = false): Promise<any> {
    if (this.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const params = parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
    // Inside the open transaction (or a transaction begun outside the gate: the migrations at start-up).
    if (this.gate.owned || (!this.gate.busy && this.isTransactionActive)) {
      if (this.isTransactionActive && !this.writer.inTransaction && !CONTROL.test(query)) {
        throw new TransactionAbortedError(query);
      }
      return this.execute(this.writer, query, params, useStructuredResult);
    }
    const read = this.readStatement(query);
    if (read) return this.execute(read.connection, query, params, useStructuredResult);
    // A single write outside any transaction: after the open transaction, never inside it.
    return this.gate.run(() => this.execute(this.writer, query, params, useStructuredResult), this.waitMs);
  }

  /** How long a write waits for the writers before it in this process (as long as for another process). */
  get waitMs(): number {
    return this.settings.busyTimeoutMs;
  }

  override async startTransaction(): Promise<void> {
    if (this.transactionDepth > 0) return super.startTransaction(); // a savepoint
    if (this.gate.owned) await this.recover();
    this.isTransactionActive = true;
    try {
      await this.broadcaster.broadcast('BeforeTransactionStart');
      await this.query('BEGIN IMMEDIATE');
    } catch (error) {
      this.isTransactionActive = false;
      throw error;
    }
    this.transactionDepth = 1;
    await this.broadcaster.broadcast('AfterTransactionStart');
  }

  override async commitTransaction(): Promise<void> {
    if (this.isTransactionActive && !this.writer.inTransaction) throw new TransactionAbortedError('COMMIT');
    return super.commitTransaction();
  }

  override async rollbackTransaction(): Promise<void> {
    if (!this.isTransactionActive) throw new TransactionNotStartedError();
    if (this.transactionDepth > 1 && this.writer.inTransaction) return super.rollbackTransaction();
    await this.broadcaster.broadcast('BeforeTransactionRollback');
    if (this.transactionDepth > 1) {
      // SQLite ended the whole transaction: the outer levels are gone too; their commit will be refused.
      this.transactionDepth -= 1;
    } else {
      await this.endTransaction();
    }
    await this.broadcaster.broadcast('AfterTransactionRollback');
  }

  /**
   * Makes the connection clean, whatever state a failure left: TypeORM's transaction state reset, the
   * connection outside any transaction (rolled back, or replaced by a new one when even that fails).
   * Called by the holder of the gate only, when no transaction of its own is open.
   */
  async recover(): Promise<void> {
    if (this.isTransactionActive || this.transactionDepth > 0 || this.writer.inTransaction) {
      this.logger.warn('a failed transaction left the connection unclean; cleaning it before the next write');
      await this.endTransaction();
    }
  }

  private async endTransaction(): Promise<void> {
    try {
      // When SQLite has rolled back by itself, a ROLLBACK would only fail ("no transaction is active").
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
    } catch (error) {
      this.logger.warn(`ROLLBACK failed: ${(error as Error).message}`);
    } finally {
      this.isTransactionActive = false;
      this.transactionDepth = 0;
    }
    if (this.writer.inTransaction) this.replaceWriter();
  }

  /** Closing a connection rolls back what it still holds; the new one starts clean. */
  private replaceWriter(): void {
    this.logger.warn('the connection is still inside a transaction after ROLLBACK; replacing it');
    const old = this.writer;
    this.driver.databaseConnection = openWriter(this.settings);
    try {
      old.close();
    } catch (error) {
      this.logger.warn(`closing the old connection failed: ${(error as Error).message}`);
    }
  }

  /** The statement prepared on the read connection, when it only reads; else undefined (a write). */
  private readStatement(query: string): { connection: Connection } | undefined {
    if (!this.readsEnabled || this.settings.path === ':memory:') return undefined;
    try {
      this.reader ??= new Database(this.settings.path, {
        readonly: true,
        fileMustExist: true,
        timeout: this.settings.busyTimeoutMs,
      });
      const stmt = this.prepare(this.reader, query);
      return stmt?.readonly ? { connection: this.reader } : undefined;
    } catch {
      return undefined; // the write connection will report what is wrong with the statement
    }
  }

  private prepare(connection: Connection, query: string): Statement | null {
    let cache = this.statements.get(connection);
    if (!cache) this.statements.set(connection, (cache = new Map<string, Statement | null>()));
    let stmt = cache.get(query);
    if (stmt === undefined) {
      stmt = connection.prepare<unknown[]>(query);
      cache.set(query, stmt);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    return stmt;
  }

  /** What BetterSqlite3QueryRunner.query does, on the connection chosen. */
  private async execute(
    connection: Connection,
    query: string,
    params: unknown[],
    structured: boolean,
  ): Promise<unknown> {
    const dataSource = this.driver.dataSource;
    const broadcasterResult = new BroadcasterResult();
    dataSource.logger.logQuery(query, params, this);
    await this.broadcaster.broadcast('BeforeQuery', query, params);
    const started = Date.now();
    try {
      const stmt = this.prepare(connection, query) as Statement;
      const result = new QueryResult();
      if (stmt.reader) {
        const rows = stmt.all(params); // an array binds its items in order, without spreading thousands of arguments
        result.raw = rows;
        result.records = rows;
      } else {
        const info = stmt.run(params);
        result.affected = info.changes;
        result.raw = info.lastInsertRowid;
      }
      const elapsed = Date.now() - started;
      const slow = this.driver.options.maxQueryExecutionTime;
      if (slow && elapsed > slow) dataSource.logger.logQuerySlow(elapsed, query, params, this);
      this.broadcaster.broadcastAfterQueryEvent(broadcasterResult, query, params, true, elapsed, result.raw, undefined);
      return structured ? result : result.raw;
    } catch (error) {
      dataSource.logger.logQueryError(error as Error, query, params, this);
      this.broadcaster.broadcastAfterQueryEvent(broadcasterResult, query, params, false, undefined, undefined, error);
      throw new QueryFailedError(query, params, error as Error);
    } finally {
      await broadcasterResult.wait();
    }
  }

  /** Closes the read connection (the data source closes the write connection). */
  closeReader(): void {
    this.reader?.close();
    this.reader = undefined;
  }
}
