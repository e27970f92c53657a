import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { Role } from '../src/common/actor';
import { UsersService } from '../src/auth/users.service';
import { BundlesService } from '../src/bundles/bundles.service';
import { createHttpApp } from '../src/http';
import { SettableClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { databaseEnv, SEEDS, tempDatabase } from './helpers';

export const PASSWORD = 'correct horse battery';
/** Every web test sees the same "today": findings and deadlines do not drift with the calendar. */
export const NOW = new Date('2026-01-15T10:00:00+01:00');

export type Agent = ReturnType<typeof request.agent>;

export interface WebApp {
  app: INestApplication;
  /** http://127.0.0.1:<port> (listening, for a browser). */
  base: string;
  server: App;
  clock: SettableClock;
  databasePath: string;
  users: UsersService;
  /** A person with these grants (and the test password). */
  person: (email: string, grants: [string, Role][], name?: string) => Promise<{ email: string; password: string }>;
  /** A browser-like client with its own cookie jar. */
  agent: () => Agent;
  close: () => Promise<void>;
}

/**
 * The real application on a real database of the test project's engine (SQLite file or PostgreSQL), listening on loopback, with the given seeds imported
 * and the web clock fixed. `env` is applied while the application starts (its configuration is read then).
 */
export async function startWeb(
  options: { seeds?: string[]; env?: Record<string, string>; databasePath?: string } = {},
): Promise<WebApp> {
  const db = options.databasePath ? undefined : tempDatabase();
  const databasePath = options.databasePath ?? db!.path;
  const config = loadConfig({
    ...process.env,
    ...databaseEnv(databasePath),
    ALERTS_SCHEDULE: 'off',
    ...(options.env ?? {}),
  });
  const clock = new SettableClock(NOW);
  const app = await createHttpApp({ logger: false, config, clock });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as App;
  const { port } = (server as unknown as { address: () => { port: number } }).address();
  for (const slug of options.seeds ?? []) {
    await app.get(BundlesService).import(JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')));
  }
  const users = app.get(UsersService);
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    server,
    clock,
    databasePath,
    users,
    person: async (email, grants, name = email.split('@')[0]) => {
      await users.create({
        email,
        name,
        password: PASSWORD,
        grants: grants.map(([organisation, role]) => ({ organisation, role })),
      });
      return { email, password: PASSWORD };
    },
    agent: () => request.agent(server),
    close: async () => {
      await app.close();
      db?.cleanup();
    },
  };
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

export async function signIn(agent: Agent, email: string, password = PASSWORD) {
  const page = await agent.get('/login');
  return agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password, next: '/' });
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
};
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27|#39|#x3D|#x60);/g, (m) => ENTITIES[m]);
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * What a browser would send for the record form of a page as it stands: every input, the selected
 * option of every select (the first when none is), every textarea, checkboxes only when checked; in
 * document order, names repeated for several values.
 */
export function formFields(html: string): [string, string][] {
  const start = html.indexOf('id="record-form"');
  if (start < 0) throw new Error('no record form on the page');
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: [number, string, string][] = [];
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = attr(m[1], 'name');
    const type = attr(m[1], 'type') ?? 'text';
    if (!name || ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(m[1]))) continue;
    out.push([m.index, name, unescape(attr(m[1], 'value') ?? '')]);
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[1], 'name');
    if (!name) continue;
    const options = [...m[2].matchAll(/<option\b([^>]*)>/g)].map((o) => o[1]);
    const chosen = options.find((o) => /\bselected\b/.test(o)) ?? options[0];
    out.push([m.index, name, unescape(attr(chosen ?? '', 'value') ?? '')]);
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(m[1], 'name');
    if (name) out.push([m.index, name, unescape(m[2])]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, name, value]) => [name, value]);
}

/** `fields` with `changes` applied (a value replaces every value of its name; an array sets several). */
export function formBody(fields: [string, string][], changes: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of fields) if (!(name in changes)) body.append(name, value);
  for (const [name, value] of Object.entries(changes)) for (const v of [value].flat()) body.append(name, v);
  return body.toString();
}
