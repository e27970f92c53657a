import type { Role } from './actor';

/**
 * Records some roles may not read, by the entity name their audit rows carry. The routes of these
 * records need the role (RequireRole), and the audit trail masks their values for keys without it:
 * what a resource hides from a role, its history hides too.
 */
export const READ_ROLES: Readonly<Record<string, Role>> = {
  // Webhook URLs carry tokens; recipients are personal data of the organisation's staff.
  'Alert channel': 'admin',
  ApiKey: 'admin',
};

export function readRoleOf(entity: string): Role {
  return READ_ROLES[entity] ?? 'viewer';
}
