import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './errors';

/** Seconds a client is asked to wait before retrying a write the database was too busy to take. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * The database could not take the request (busy, full, read-only, failing storage): nothing of it was
 * written. Not the client's fault, never a 500: 503 (507 for a full disk), with Retry-After when waiting helps.
 */
export class DatabaseUnavailableError extends DomainError {
  constructor(
    status: HttpStatus,
    code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(status, code, message);
  }
}

/** The write gate (SQLite, one writer at a time) was not free within the wait allowed. */
export class GateTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed busy with other writes for ${waitedMs} ms`);
    this.name = 'GateTimeoutError';
  }
}

/** SQLite ended a transaction itself after an error (full disk, I/O error): what followed was refused. */
export class TransactionAbortedError extends Error {
  constructor(readonly statement: string) {
    super('the database rolled the transaction back after an error; nothing of it was written');
    this.name = 'TransactionAbortedError';
  }
}

const busy = () =>
  new DatabaseUnavailableError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'database_busy',
    'The database is busy with other writes; nothing was written. Retry in a moment.',
    BUSY_RETRY_AFTER_SECONDS,
  );
const full = () =>
  new DatabaseUnavailableError(
    HttpStatus.INSUFFICIENT_STORAGE,
    'storage_full',
    "The database's disk is full; nothing was written. Free some space, then retry.",
  );
const readOnly = () =>
  new DatabaseUnavailableError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'database_read_only',
    'The database is read-only; nothing was written. Reads still work.',
  );
const unavailable = () =>
  new DatabaseUnavailableError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'database_unavailable',
    'The database could not complete the request; nothing was written. Retry later.',
    BUSY_RETRY_AFTER_SECONDS,
  );

/** SQLite result codes (better-sqlite3 `code`, extended codes included) and PostgreSQL SQLSTATEs. */
const BY_CODE: [RegExp, () => DatabaseUnavailableError][] = [
  [/^SQLITE_(BUSY|LOCKED)/, busy],
  [/^SQLITE_FULL/, full],
  [/^SQLITE_READONLY/, readOnly],
  [/^SQLITE_(IOERR|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/, unavailable],
  // lock_not_available (lock_timeout), serialization_failure, deadlock_detected, query_canceled,
  // insufficient_resources, out_of_memory, too_many_connections
  [/^(55P03|40001|40P01|57014|53000|53200|53300)$/, busy],
  [/^53100$/, full], // disk_full
  [/^25006$/, readOnly], // read_only_sql_transaction
  [/^(57P01|57P02|57P03|08\d{3}|ECONNREFUSED|ECONNRESET)$/, unavailable],
];

/** The database condition behind an error, if it is one (else undefined: a bug, or the client's mistake). */
export function databaseProblem(error: unknown): DatabaseUnavailableError | undefined {
  if (error instanceof DatabaseUnavailableError) return error;
  if (error instanceof GateTimeoutError) return busy();
  if (error instanceof TransactionAbortedError) return unavailable();
  const driver = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = (driver as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return BY_CODE.find(([pattern]) => pattern.test(code))?.[1]();
}
