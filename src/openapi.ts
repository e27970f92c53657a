/*
 * `npm run openapi`: writes the API's OpenAPI document to `openapi.json` at the root of the repository
 * (then the script generates the typed client `test/generated/api.d.ts` from it). The application is
 * built on a throw-away SQLite file and never listens. The committed document is what reviewers read:
 * a test fails when the served document differs from it.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from './config/config';
import { apiDocument, createHttpApp } from './http';

/** Every object's keys sorted (code-unit order), arrays kept in order: a diff shows only real changes. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortedKeys(v)]));
}

/** The text of `openapi.json`: sorted keys, two-space indentation, a final newline. */
export function openApiText(document: unknown): string {
  return `${JSON.stringify(sortedKeys(document), null, 2)}\n`;
}

async function main(out: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'registre-openapi-'));
  try {
    const config = loadConfig({ ...process.env, DATABASE_PATH: join(dir, 'openapi.sqlite'), DATABASE_URL: '' });
    const app = await createHttpApp({ logger: false, config });
    try {
      writeFileSync(out, openApiText(apiDocument(app)));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`wrote ${out}\n`);
}

if (require.main === module) {
  void main(resolve(process.argv[2] ?? join(__dirname, '..', 'openapi.json'))).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
