import { resolve } from 'node:path';
import { ConfigError, describeDatabase, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file under ./data', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'sqlite', path: resolve('data/registre.sqlite') });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
  });

  it('switches to PostgreSQL on DATABASE_URL and never prints its password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://registre:s3cret@db.local:5433/registre' });
    expect(config.database.kind).toBe('postgres');
    expect(describeDatabase(config)).toBe('PostgreSQL db.local:5433/registre');
    expect(describeDatabase(config)).not.toContain('s3cret');
  });

  it('refuses bad values with the variable named', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ BODY_LIMIT: 'lots' })).toThrow(/BODY_LIMIT/);
  });
});
