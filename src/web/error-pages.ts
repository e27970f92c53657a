import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '../common/clock';
import { ErrorBody, HtmlErrorPages } from '../common/error.filter';
import { COOKIES, readCookies, SignInRequired, WebRedirect, WebRequest, bodyOf } from './context';
import { WEB_CSP, WebRenderer } from './render.service';

/** Every path outside /api is the web application's: its errors are pages, in the person's language. */
@Injectable()
export class WebErrorPages extends HtmlErrorPages {
  private readonly logger = new Logger('Web');

  constructor(
    private readonly renderer: WebRenderer,
    private readonly clock: Clock,
  ) {
    super();
  }

  handles(request: Request): boolean {
    return !/^\/api(\/|$)/.test(request.path);
  }

  render(error: unknown, body: ErrorBody, request: Request, response: Response): boolean {
    const req = request as WebRequest;
    response.set('Content-Security-Policy', WEB_CSP);
    const htmx = req.headers['hx-request'] === 'true';
    if (error instanceof WebRedirect) {
      if (htmx) response.set('HX-Redirect', error.location).status(204).end();
      else response.redirect(303, error.location);
      return true;
    }
    if (error instanceof SignInRequired) {
      const next = req.method === 'GET' ? req.originalUrl : (refererPath(req) ?? '/');
      const location = `/login?next=${encodeURIComponent(next)}`;
      if (htmx) response.set('HX-Redirect', location).status(204).end();
      else if (req.method === 'GET') response.redirect(303, location);
      else return this.resumable(req, response, next);
      return true;
    }
    return this.page(req, response, body.statusCode, body, {});
  }

  /**
   * A form sent after the session ended is not lost: the sign-in page carries what was typed, and once
   * signed in the person sends it again (with the new session's CSRF token).
   */
  private resumable(req: WebRequest, res: Response, next: string): boolean {
    const fields = Object.entries(bodyOf(req))
      .filter(([name]) => name !== '_csrf')
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => ({ name: `resume.f.${name}`, value: String(v) })),
      );
    this.renderer.page(
      req,
      res,
      'login',
      {
        email: '',
        next,
        error: { key: 'login.expired', until: '' },
        resume: { action: req.originalUrl, fields },
      },
      { title: 'login.title', status: 401 },
    );
    return true;
  }

  private page(req: WebRequest, res: Response, status: number, body: ErrorBody, extra: { signIn?: string }): boolean {
    // The error may come before the web guard ran (an unknown path): a context with the language only.
    req.web ??= {
      lang: readCookies(req)[COOKIES.lang] === 'en' ? 'en' : 'fr',
      now: this.clock.now(),
      path: req.originalUrl,
      htmx: false,
      csrf: '',
    };
    const key = errorKey(status, body.code);
    if (status >= 500) this.logger.error(`${req.method} ${req.path} answered ${status}`);
    try {
      this.renderer.page(
        req,
        res,
        'error',
        {
          status,
          heading: `error.${key}.title`,
          text: `error.${key}.text`,
          details: status === 400 || status === 409 ? body.details : [],
          message: status === 400 || status === 409 ? body.message : null,
          signIn: extra.signIn ?? null,
        },
        { title: `error.${key}.title`, status },
      );
    } catch (e) {
      this.logger.error(`error page failed: ${(e as Error).message}`);
      return false;
    }
    return true;
  }
}

function errorKey(status: number, code: string): string {
  if (code === 'csrf_failed') return 'csrf';
  if (status === 401) return 'signedOut';
  if ([400, 403, 404, 409, 413, 429, 503].includes(status)) return String(status);
  return '500';
}

function refererPath(req: Request): string | undefined {
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.host === req.headers.host ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}
