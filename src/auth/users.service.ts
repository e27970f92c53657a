import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, EntityManager, LessThan } from 'typeorm';
import { audit } from '../audit/audit';
import { ConflictError, DomainError, FieldProblem, NotFoundError, ValidationFailedError } from '../common/errors';
import { isUniqueViolation } from '../common/error.filter';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock';
import { Actor } from '../common/actor';
import { Role, ROLES } from '../common/actor';
import { hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './password';
import { Grant, SessionEntity, SignInFailureEntity, UserEntity } from './user.entity';

export interface UserView {
  id: string;
  email: string;
  name: string;
  grants: Grant[];
  mustChangePassword: boolean;
  disabledAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export type SignInResult =
  | { outcome: 'ok'; user: UserEntity }
  | { outcome: 'refused' }
  | { outcome: 'disabled' }
  | { outcome: 'locked'; until: string }
  | { outcome: 'throttled'; until: string };

/** The account `registre serve` creates when the database has no user yet. */
export const FIRST_ADMIN_EMAIL = 'admin@registre.local';

const SLUG_OR_STAR = /^(\*|[a-z0-9]+(-[a-z0-9]+)*)$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/;
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The role a person holds on an organisation: the strongest of their grants on it and on "*". */
export function roleOn(grants: readonly Grant[], slug: string): Role | undefined {
  let best: Role | undefined;
  for (const g of grants) {
    if (g.organisation !== '*' && g.organisation !== slug) continue;
    if (!best || RANK[g.role] > RANK[best]) best = g.role;
  }
  return best;
}

/**
 * The actor a person's request runs as: the same shape as an API key's, so the same `canReach` and
 * `hasRole` decide. On an organisation's pages the role is the one held there; elsewhere, the role on "*".
 */
export function actorFor(user: Pick<UserEntity, 'id' | 'name' | 'email' | 'grants'>, slug?: string): Actor {
  const everywhere = user.grants.some((g) => g.organisation === '*');
  const organisations = everywhere ? ['*'] : [...new Set(user.grants.map((g) => g.organisation))];
  const role =
    (slug
      ? roleOn(user.grants, slug)
      : roleOn(
          user.grants.filter((g) => g.organisation === '*'),
          '*',
        )) ?? 'viewer';
  return { id: `user:${user.id}`, name: `${user.name} (${user.email})`.slice(0, 120), role, organisations };
}

export function grantProblems(grants: unknown, field = 'grants'): FieldProblem[] {
  if (!Array.isArray(grants) || grants.length === 0)
    return [{ field, problem: 'must name at least one organisation, or *' }];
  const problems: FieldProblem[] = [];
  grants.forEach((g: Partial<Grant>, i) => {
    if (typeof g?.organisation !== 'string' || !SLUG_OR_STAR.test(g.organisation)) {
      problems.push({ field: `${field}[${i}].organisation`, problem: 'must be an organisation slug or *' });
    }
    if (!ROLES.includes(g?.role as Role)) {
      problems.push({ field: `${field}[${i}].role`, problem: `must be one of ${ROLES.join(', ')}` });
    }
  });
  return problems;
}

/** People's accounts: creation, roles, passwords, disabling, and the sign-in with its lock. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');
  /** Checked against when the e-mail is unknown, so that a refusal takes as long either way. */
  private decoy?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(input: {
    email: string;
    name: string;
    password: string;
    grants: Grant[];
    mustChangePassword?: boolean;
  }): Promise<UserView> {
    const email = normaliseEmail(input.email ?? '');
    const problems: FieldProblem[] = [];
    if (!EMAIL.test(email)) problems.push({ field: 'email', problem: 'must be an e-mail address' });
    if (!input.name?.trim() || input.name.trim().length > 120) {
      problems.push({ field: 'name', problem: 'must be 1–120 characters' });
    }
    const weak = passwordProblem(input.password ?? '');
    if (weak) problems.push({ field: 'password', problem: weak });
    problems.push(...grantProblems(input.grants));
    if (problems.length) throw new ValidationFailedError(problems);
    const now = this.clock.instant();
    const row: UserEntity = {
      id: randomUUID(),
      email,
      name: input.name.trim(),
      passwordHash: await hashPassword(input.password),
      grants: dedupe(input.grants),
      mustChangePassword: input.mustChangePassword ?? false,
      disabledAt: null,
      lastSignInAt: null,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (manager) => {
      if (await manager.findOne(UserEntity, { where: { email } })) {
        throw new ConflictError(`A user with the e-mail ${email} already exists`, [
          { field: 'email', problem: 'is already used by another user' },
        ]);
      }
      await manager.insert(UserEntity, row);
      await audit(manager, {
        organisationId: null,
        at: now,
        action: 'create',
        entity: 'User',
        key: email,
        after: view(row),
      });
    });
    return view(row);
  }

  async list(): Promise<UserView[]> {
    return (await this.dataSource.manager.find(UserEntity, { order: { email: 'ASC' } })).map(view);
  }

  async get(id: string): Promise<UserEntity> {
    const row = await this.dataSource.manager.findOne(UserEntity, { where: { id } });
    if (!row) throw new NotFoundError('User', id);
    return row;
  }

  async findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOne(UserEntity, { where: { email: normaliseEmail(email) } });
  }

  /** Name and grants, as an admin changes them. */
  async update(id: string, patch: { name?: string; grants?: Grant[] }): Promise<UserView> {
    const problems: FieldProblem[] = [];
    if (patch.name !== undefined && (!patch.name.trim() || patch.name.trim().length > 120)) {
      problems.push({ field: 'name', problem: 'must be 1–120 characters' });
    }
    if (patch.grants !== undefined) problems.push(...grantProblems(patch.grants));
    if (problems.length) throw new ValidationFailedError(problems);
    return this.change(id, 'update', (row) => {
      if (patch.name !== undefined) row.name = patch.name.trim();
      if (patch.grants !== undefined) row.grants = dedupe(patch.grants);
    });
  }

  /** Disabling ends every session of the person at once. */
  async setDisabled(id: string, disabled: boolean): Promise<UserView> {
    return this.change(id, disabled ? 'disable' : 'enable', async (row, manager) => {
      row.disabledAt = disabled ? (row.disabledAt ?? this.clock.instant()) : null;
      if (disabled) await endSessions(manager, row.id, this.clock.instant());
    });
  }

  /**
   * Sets a password (an admin's reset, the command line, the first admin): every session of the
   * person ends. `mustChange` makes it a one-time password.
   */
  async setPassword(id: string, password: string, options: { mustChange?: boolean; keepSession?: string } = {}) {
    const weak = passwordProblem(password);
    if (weak) throw new ValidationFailedError([{ field: 'password', problem: weak }]);
    const hash = await hashPassword(password);
    return this.change(id, 'password', async (row, manager) => {
      row.passwordHash = hash;
      row.mustChangePassword = options.mustChange ?? false;
      row.passwordChangedAt = this.clock.instant();
      await endSessions(manager, row.id, this.clock.instant(), options.keepSession);
    });
  }

  /** A person changes their own password: the current one must be right; their other sessions end. */
  async changePassword(id: string, current: string, next: string, keepSession?: string): Promise<UserView> {
    const row = await this.get(id);
    if (!(await verifyPassword(current ?? '', row.passwordHash))) {
      throw new ValidationFailedError([{ field: 'current', problem: 'is not your current password' }]);
    }
    if (current === next) {
      throw new ValidationFailedError([{ field: 'password', problem: 'must differ from the current password' }]);
    }
    return this.setPassword(id, next, { keepSession });
  }

  /**
   * Checks an e-mail and password. Failures are counted in the database (every instance sees them):
   * after `SIGNIN_MAX_FAILURES` within `SIGNIN_LOCK_MINUTES` the e-mail is locked until that long after
   * the last failure, whatever the password; a client address with four times as many failures is held
   * back the same way. A known or unknown e-mail takes the same time and gets the same answer.
   */
  async signIn(emailInput: string, password: string, client: string, now = this.clock.now()): Promise<SignInResult> {
    const email = normaliseEmail(emailInput ?? '').slice(0, 254);
    const { signInMaxFailures: max, signInLockMinutes: minutes } = this.config.web;
    const since = new Date(now.getTime() - minutes * 60_000).toISOString();
    const manager = this.dataSource.manager;
    const lockEnd = (rows: SignInFailureEntity[]) => new Date(Date.parse(rows[0].at) + minutes * 60_000).toISOString();
    const byClient = await manager.find(SignInFailureEntity, {
      where: { client, at: Between(since, now.toISOString()) },
      order: { at: 'DESC' },
      take: max * 4,
    });
    if (byClient.length >= max * 4) return { outcome: 'throttled', until: lockEnd(byClient) };
    const byEmail = await manager.find(SignInFailureEntity, {
      where: { email, at: Between(since, now.toISOString()) },
      order: { at: 'DESC' },
      take: max,
    });
    if (byEmail.length >= max) return { outcome: 'locked', until: lockEnd(byEmail) };
    const user = email ? await manager.findOne(UserEntity, { where: { email } }) : null;
    const ok = await verifyPassword(password ?? '', user?.passwordHash ?? (await this.decoyHash()));
    if (!user || !ok) {
      await manager.insert(SignInFailureEntity, { id: randomUUID(), email, client, at: now.toISOString() });
      await manager.delete(SignInFailureEntity, { at: LessThan(new Date(now.getTime() - 86_400_000).toISOString()) });
      if (byEmail.length + 1 >= max) {
        this.logger.warn(`sign-in locked for ${minutes} min after ${max} failures (client ${client})`);
        return { outcome: 'locked', until: new Date(now.getTime() + minutes * 60_000).toISOString() };
      }
      return { outcome: 'refused' };
    }
    if (user.disabledAt) return { outcome: 'disabled' };
    await manager.delete(SignInFailureEntity, { email });
    await manager.update(UserEntity, { id: user.id }, { lastSignInAt: now.toISOString() });
    return { outcome: 'ok', user };
  }

  /** An admin lifts a lock before it ends. */
  async unlock(id: string): Promise<void> {
    const row = await this.get(id);
    await this.dataSource.manager.delete(SignInFailureEntity, { email: row.email });
  }

  async lockedUntil(email: string, now = this.clock.now()): Promise<string | undefined> {
    const { signInMaxFailures: max, signInLockMinutes: minutes } = this.config.web;
    const rows = await this.dataSource.manager.find(SignInFailureEntity, {
      where: {
        email: normaliseEmail(email),
        at: Between(new Date(now.getTime() - minutes * 60_000).toISOString(), now.toISOString()),
      },
      order: { at: 'DESC' },
      take: max,
    });
    return rows.length >= max ? new Date(Date.parse(rows[0].at) + minutes * 60_000).toISOString() : undefined;
  }

  /**
   * The first person's way in: when the database has no user, an admin of every organisation with a
   * one-time password; while that account has never signed in, each call gives it a new one. Returns
   * undefined once anyone exists who has signed in (or was made another way).
   */
  async ensureFirstAdmin(): Promise<{ email: string; password: string } | undefined> {
    const users = await this.dataSource.manager.find(UserEntity, { take: 2 });
    const password = oneTimePassword();
    if (users.length === 0) {
      try {
        await this.create({
          email: FIRST_ADMIN_EMAIL,
          name: 'Administrateur',
          password,
          grants: [{ organisation: '*', role: 'admin' }],
          mustChangePassword: true,
        });
      } catch (error) {
        // Another instance starting at the same moment made it first: its password stands.
        if ((error instanceof DomainError && Number(error.status) === 409) || isUniqueViolation(error))
          return undefined;
        throw error;
      }
      return { email: FIRST_ADMIN_EMAIL, password };
    }
    const [only] = users;
    if (users.length === 1 && only.email === FIRST_ADMIN_EMAIL && only.mustChangePassword && !only.lastSignInAt) {
      await this.setPassword(only.id, password, { mustChange: true });
      return { email: FIRST_ADMIN_EMAIL, password };
    }
    return undefined;
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(oneTimePassword());
    return this.decoy;
  }

  private async change(
    id: string,
    action: string,
    apply: (row: UserEntity, manager: EntityManager) => void | Promise<void>,
  ): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(UserEntity, { where: { id } });
      if (!row) throw new NotFoundError('User', id);
      const before = view(row);
      await apply(row, manager);
      row.updatedAt = this.clock.instant();
      await manager.save(UserEntity, row);
      await audit(manager, {
        organisationId: null,
        at: row.updatedAt,
        action,
        entity: 'User',
        key: row.email,
        before,
        after: view(row),
      });
      return view(row);
    });
  }
}

async function endSessions(manager: EntityManager, userId: string, at: string, except?: string): Promise<void> {
  const query = manager
    .createQueryBuilder()
    .update(SessionEntity)
    .set({ endedAt: at })
    .where('user_id = :userId AND ended_at IS NULL', { userId });
  if (except) query.andWhere('id <> :except', { except });
  await query.execute();
}

function dedupe(grants: Grant[]): Grant[] {
  const byOrg = new Map<string, Role>();
  for (const g of grants) {
    const current = byOrg.get(g.organisation);
    if (!current || RANK[g.role] > RANK[current]) byOrg.set(g.organisation, g.role);
  }
  return [...byOrg].map(([organisation, role]) => ({ organisation, role }));
}

export function view(row: UserEntity): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    grants: row.grants,
    mustChangePassword: row.mustChangePassword === true,
    disabledAt: row.disabledAt,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
  };
}
