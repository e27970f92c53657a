import { HttpStatus, SetMetadata } from '@nestjs/common';
import { DomainError } from '../common/errors';
import type { Request, Response } from 'express';
import type { Actor } from '../common/actor';
import type { SessionEntity, UserEntity } from '../auth/user.entity';
import type { Lang } from '../common/i18n';
import type { WebConfig } from '../config/config';

export const COOKIES = {
  session: 'registre_session',
  /** Before sign-in: a double-submit token for the sign-in form. */
  csrf: 'registre_csrf',
  lang: 'registre_lang',
  flash: 'registre_flash',
} as const;

/** What every page knows about the request: who, in which language, on which organisation. */
export interface WebContext {
  lang: Lang;
  now: Date;
  /** Path and query of the request, for "come back here" links. */
  path: string;
  htmx: boolean;
  csrf: string;
  user?: UserEntity;
  session?: SessionEntity;
  actor?: Actor;
  org?: { slug: string; name: string; roles: string[] };
  flash?: { kind: 'success' | 'error'; key: string; params: Record<string, string> };
}

export type WebRequest = Request & { web: WebContext; actor?: Actor; body: Record<string, string | string[]> };

export const WEB_PUBLIC = 'registre:web-public';
/** A page anyone may open (sign-in, language switch). */
export const WebPublic = () => SetMetadata(WEB_PUBLIC, true);
export const WEB_DURING_PASSWORD_CHANGE = 'registre:web-password-change';
/** Reachable while a one-time password must still be replaced (the change itself, sign-out). */
export const DuringPasswordChange = () => SetMetadata(WEB_DURING_PASSWORD_CHANGE, true);

export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A cookie that is not valid percent-encoding is ignored, like an absent one.
    }
  }
  return out;
}

export function secureCookies(req: Request, config: WebConfig): boolean {
  return config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && req.secure);
}

export function setCookie(
  res: Response,
  req: Request,
  config: WebConfig,
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; httpOnly?: boolean } = {},
): void {
  res.cookie(name, value, {
    httpOnly: options.httpOnly ?? true,
    sameSite: 'lax',
    secure: secureCookies(req, config),
    path: '/',
    ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds * 1000 } : {}),
  });
}

export function clearCookie(res: Response, req: Request, config: WebConfig, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: secureCookies(req, config), path: '/' });
}

/** Only paths of this application: never an absolute or protocol-relative URL (open redirects). */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return /[\r\n]/.test(value) ? fallback : value;
}

/** Signals the error handler to send the browser elsewhere (sign-in, password change). */
export class WebRedirect extends DomainError {
  constructor(readonly location: string) {
    super(HttpStatus.SEE_OTHER, 'redirect', `See ${location}`);
  }
}

export class SignInRequired extends DomainError {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'sign_in_required', 'Sign in first');
  }
}

/** The posted form (Express types its body as any). */
export function bodyOf(req: Request): Record<string, string | string[]> {
  const body: unknown = req.body;
  return body && typeof body === 'object' ? (body as Record<string, string | string[]>) : {};
}

/** A form value as text (empty when absent or not text). */
export const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function field(body: Record<string, string | string[]> | undefined, name: string): string {
  const v = body?.[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
