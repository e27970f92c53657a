import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { canReach, hasRole } from '../common/actor';
import type { Role } from '../common/actor';
import { ROLE_KEY } from '../auth/auth.guard';
import { csrfToken, sameToken, SessionsService } from '../auth/sessions.service';
import { actorFor } from '../auth/users.service';
import { DomainError, NotFoundError } from '../common/errors';
import type { Lang } from '../common/i18n';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  COOKIES,
  field,
  readCookies,
  setCookie,
  SignInRequired,
  WEB_DURING_PASSWORD_CHANGE,
  WEB_PUBLIC,
  WebRedirect,
  WebRequest,
  bodyOf,
} from './context';

const SAFE = new Set(['GET', 'HEAD']);

/**
 * The web pages' gate, the counterpart of the API's AuthGuard: the session cookie gives the person;
 * the actor built from their grants goes through the same `canReach` (404 beyond their organisations)
 * and `hasRole` (reads need viewer, writes editor, unless a route asks more) as an API key. Every
 * request that changes something must carry the CSRF token of the session.
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<WebRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const cookies = readCookies(req);
    const lang: Lang = cookies[COOKIES.lang] === 'en' ? 'en' : 'fr';
    const now = this.clock.now();
    const active = await this.sessions.resolve(cookies[COOKIES.session], now);
    let csrf: string;
    if (active) csrf = csrfToken(active.token);
    else {
      csrf = /^[A-Za-z0-9_-]{43}$/.test(cookies[COOKIES.csrf] ?? '') ? cookies[COOKIES.csrf] : '';
      if (!csrf) {
        csrf = randomBytes(32).toString('base64url');
        setCookie(res, req, this.config.web, COOKIES.csrf, csrf);
      }
    }
    req.web = {
      lang,
      now,
      path: req.originalUrl,
      htmx: req.headers['hx-request'] === 'true',
      csrf,
      user: active?.user,
      session: active?.session,
      flash: readFlash(cookies[COOKIES.flash]),
    };
    if (req.web.flash) res.clearCookie(COOKIES.flash, { path: '/' });

    const isPublic = this.reflector.getAllAndOverride<boolean>(WEB_PUBLIC, targets);
    if (!SAFE.has(req.method)) {
      // Browsers say where a request comes from; a form posted from another site is refused outright.
      if (req.headers['sec-fetch-site'] === 'cross-site') throw csrfFailure();
      const given = field(bodyOf(req), '_csrf') || req.headers['x-csrf-token'];
      if (!sameToken(given, csrf)) {
        // A form of this application whose session ended meanwhile: sign in again, keeping what was typed.
        const stale = cookies[COOKIES.session];
        if (!active && !isPublic && stale && sameToken(given, csrfToken(stale))) throw new SignInRequired();
        throw csrfFailure();
      }
    }

    if (isPublic) return true;
    const user = active?.user;
    if (!user) throw new SignInRequired();
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(WEB_DURING_PASSWORD_CHANGE, targets)) {
      throw new WebRedirect('/account/password');
    }
    const slug = (req.params as Record<string, string | undefined>).slug;
    const actor = actorFor(user, slug);
    if (slug !== undefined) {
      if (!canReach(actor, slug)) throw new NotFoundError('Organisation', slug);
      const org = await this.organisations.get(slug);
      req.web.org = { slug: org.slug, name: org.name, roles: org.roles };
    }
    req.web.actor = actor;
    req.actor = actor;
    const required =
      this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? (SAFE.has(req.method) ? 'viewer' : 'editor');
    if (!hasRole(actor, required)) {
      throw new DomainError(HttpStatus.FORBIDDEN, 'forbidden', `This needs the ${required} role`);
    }
    return true;
  }
}

function csrfFailure(): DomainError {
  return new DomainError(HttpStatus.FORBIDDEN, 'csrf_failed', 'The form was not sent by this application (CSRF)');
}

function readFlash(value: string | undefined): WebRequest['web']['flash'] {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as { kind?: string; key?: string; params?: Record<string, string> };
    if (typeof parsed.key !== 'string' || !/^flash\.[\w.-]+$/.test(parsed.key)) return undefined;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.params ?? {})) if (typeof v === 'string') params[k] = v.slice(0, 300);
    return { kind: parsed.kind === 'error' ? 'error' : 'success', key: parsed.key, params };
  } catch {
    return undefined;
  }
}
