import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock';
import { SessionEntity, UserEntity } from './user.entity';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Writes of "last seen" are spared when the previous one is this recent. */
const TOUCH_EVERY_MS = 60_000;

export interface ActiveSession {
  session: SessionEntity;
  user: UserEntity;
  /** The raw token (from the cookie), from which the CSRF token derives. */
  token: string;
}

/**
 * Sessions of people in the web application, in the database (shared by every instance). The cookie
 * holds 32 random bytes; the table holds their SHA-256. A session ends after `SESSION_IDLE_MINUTES`
 * without a request, `SESSION_MAX_HOURS` after sign-in, at sign-out, when the person is disabled or
 * when their password changes.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async start(
    userId: string,
    from: { userAgent?: string; client?: string },
    now = this.clock.now(),
  ): Promise<{ token: string; session: SessionEntity }> {
    const token = randomBytes(32).toString('base64url');
    const session: SessionEntity = {
      id: randomUUID(),
      userId,
      tokenHash: sha256(token),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.config.web.sessionMaxHours * 3_600_000).toISOString(),
      endedAt: null,
      userAgent: from.userAgent?.slice(0, 200) ?? null,
      client: from.client?.slice(0, 64) ?? null,
    };
    await this.dataSource.manager.insert(SessionEntity, session);
    // Sessions long over are of no use to anyone: keep the table small.
    await this.dataSource.manager.delete(SessionEntity, {
      expiresAt: LessThan(new Date(now.getTime() - 7 * 86_400_000).toISOString()),
    });
    return { token, session };
  }

  /** The live session behind a cookie's token, or undefined (unknown, ended, idle, expired, user disabled). */
  async resolve(token: string | undefined, now = this.clock.now()): Promise<ActiveSession | undefined> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const manager = this.dataSource.manager;
    const session = await manager.findOne(SessionEntity, { where: { tokenHash: sha256(token) } });
    if (!session || session.endedAt) return undefined;
    const t = now.getTime();
    const idleEnd = Date.parse(session.lastSeenAt) + this.config.web.sessionIdleMinutes * 60_000;
    if (t >= Date.parse(session.expiresAt) || t >= idleEnd) {
      await this.end(session.id, now);
      return undefined;
    }
    const user = await manager.findOne(UserEntity, { where: { id: session.userId } });
    if (!user || user.disabledAt) return undefined;
    if (t - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
      session.lastSeenAt = now.toISOString();
      await manager.update(SessionEntity, { id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return { session, user, token };
  }

  async end(id: string, now = this.clock.now()): Promise<void> {
    await this.dataSource.manager.update(SessionEntity, { id, endedAt: IsNull() }, { endedAt: now.toISOString() });
  }

  /** Ends a person's other sessions (the one they use stays). */
  async endOthers(userId: string, keep: string, now = this.clock.now()): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ endedAt: now.toISOString() })
      .where('user_id = :userId AND ended_at IS NULL AND id <> :keep', { userId, keep })
      .execute();
    return result.affected ?? 0;
  }

  async listActive(userId: string, now = this.clock.now()): Promise<SessionEntity[]> {
    const idleSince = new Date(now.getTime() - this.config.web.sessionIdleMinutes * 60_000).toISOString();
    const rows = await this.dataSource.manager.find(SessionEntity, {
      where: { userId, endedAt: IsNull() },
      order: { lastSeenAt: 'DESC' },
    });
    return rows.filter((s) => s.lastSeenAt > idleSince && s.expiresAt > now.toISOString());
  }
}

/** The CSRF token of a session: derived from its secret token, so nothing more is stored. */
export function csrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('registre csrf').digest('base64url');
}

export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
