import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from './errors';

/** Roles of API keys and of people, from least to most: read; change records; settings, channels, keys. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: an API key, or the local command line (which has the database file anyway). */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  organisations: readonly string[];
}

export const CLI_ACTOR: Actor = { id: 'cli', name: 'command line', role: 'admin', organisations: ['*'] };

const storage = new AsyncLocalStorage<Actor>();

export function runAs<T>(actor: Actor, work: () => T): T {
  return storage.run(actor, work);
}

export function currentActor(): Actor {
  return storage.getStore() ?? CLI_ACTOR;
}

export function canReach(actor: Actor, slug: string): boolean {
  return actor.organisations.includes('*') || actor.organisations.includes(slug);
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
export function hasRole(actor: Actor, role: Role): boolean {
  return RANK[actor.role] >= RANK[role];
}

/** Some routes (organisations, keys) are for admins of every organisation only. */
export function requireGlobal(): void {
  if (!currentActor().organisations.includes('*')) {
    throw new DomainError(403, 'forbidden', 'This needs a key for every organisation (*)');
  }
}
