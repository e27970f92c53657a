import { QueryFailedError } from 'typeorm';
import { databaseProblem, GateTimeoutError, TransactionAbortedError } from './database-errors';

const failed = (code: string) => new QueryFailedError('INSERT …', [], Object.assign(new Error(code), { code }));

describe('databaseProblem', () => {
  it.each([
    ['SQLITE_BUSY', 503, 'database_busy'],
    ['SQLITE_BUSY_SNAPSHOT', 503, 'database_busy'],
    ['SQLITE_LOCKED', 503, 'database_busy'],
    ['SQLITE_FULL', 507, 'storage_full'],
    ['SQLITE_READONLY', 503, 'database_read_only'],
    ['SQLITE_READONLY_DIRECTORY', 503, 'database_read_only'],
    ['SQLITE_IOERR_WRITE', 503, 'database_unavailable'],
    ['55P03', 503, 'database_busy'], // lock_not_available
    ['40001', 503, 'database_busy'], // serialization_failure
    ['40P01', 503, 'database_busy'], // deadlock_detected
    ['53100', 507, 'storage_full'], // disk_full
    ['25006', 503, 'database_read_only'], // read_only_sql_transaction
    ['57P01', 503, 'database_unavailable'], // admin_shutdown
  ])('%s → %i %s', (code, status, name) => {
    expect(databaseProblem(failed(code))).toMatchObject({ status, code: name });
  });

  it('asks a busy client to retry, not one whose disk is full or read-only', () => {
    expect(databaseProblem(failed('SQLITE_BUSY'))?.retryAfterSeconds).toBeGreaterThan(0);
    expect(databaseProblem(new GateTimeoutError(5000))).toMatchObject({ code: 'database_busy' });
    expect(databaseProblem(failed('SQLITE_FULL'))?.retryAfterSeconds).toBeUndefined();
    expect(databaseProblem(failed('SQLITE_READONLY'))?.retryAfterSeconds).toBeUndefined();
    expect(databaseProblem(new TransactionAbortedError('INSERT'))).toMatchObject({ code: 'database_unavailable' });
  });

  it('leaves other errors alone: constraint violations and bugs are not the database being unavailable', () => {
    expect(databaseProblem(failed('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(databaseProblem(failed('23505'))).toBeUndefined();
    expect(databaseProblem(new Error('boom'))).toBeUndefined();
    expect(databaseProblem(undefined)).toBeUndefined();
  });
});
