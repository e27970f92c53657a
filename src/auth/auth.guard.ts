import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError, NotFoundError } from '../common/errors';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Actor, canReach, hasRole } from '../common/actor';
import type { Role } from '../common/actor';
import { KeysService } from './keys.service';

export const ROLE_KEY = 'registre:role';
/** The role a route needs; without it, reads need `viewer` and writes `editor`. */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);
export const PUBLIC_KEY = 'registre:public';
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const DEV_ACTOR: Actor = { id: 'dev', name: 'authentication disabled', role: 'admin', organisations: ['*'] };

export type AuthedRequest = Request & { actor?: Actor };

/**
 * Every /api route needs a bearer API key (health and docs aside). A key limited to some organisations
 * gets 404 for every other organisation's routes, exactly as for one that does not exist.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  private readonly enabled: boolean;

  constructor(
    private readonly keys: KeysService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.enabled = config.auth.enabled;
    if (!this.enabled) {
      this.logger.warn(
        '!!! REGISTRE_AUTH=disabled: every request is treated as an admin of every organisation. Never in production. !!!',
      );
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (!this.enabled) {
      req.actor = DEV_ACTOR;
      return true;
    }
    // Node keeps only the first of repeated Authorization headers; two credentials are ambiguous, and
    // a proxy and the API could each read a different one.
    const given = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === 'authorization');
    if (given.length > 1) {
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        'ambiguous_credentials',
        'Send one Authorization header, not several',
      );
    }
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token)
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        'authentication_required',
        'An API key is required (Authorization: Bearer <key>)',
      );
    const actor = await this.keys.verify(token);
    if (!actor)
      throw new DomainError(HttpStatus.UNAUTHORIZED, 'invalid_key', 'The API key is invalid, expired or revoked');
    req.actor = actor;
    const slug = (req.params as Record<string, string | undefined>).slug;
    if (slug !== undefined && !canReach(actor, slug)) throw new NotFoundError('Organisation', slug);
    const required =
      this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ??
      (['GET', 'HEAD'].includes(req.method) ? 'viewer' : 'editor');
    if (!hasRole(actor, required)) {
      throw new DomainError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `This needs the ${required} role; the key has ${actor.role}`,
      );
    }
    return true;
  }
}
