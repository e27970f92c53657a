import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from '../common/errors';
import type { Role } from './api-key.entity';

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
