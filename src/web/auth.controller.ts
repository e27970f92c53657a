import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RequireRole } from '../auth/auth.guard';
import { csrfToken, SessionsService } from '../auth/sessions.service';
import { UsersService } from '../auth/users.service';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import {
  clearCookie,
  COOKIES,
  DuringPasswordChange,
  field,
  localPath,
  setCookie,
  WebPublic,
  WebRequest,
  bodyOf,
} from './context';
import { formatInstant } from './views';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

/** A form that was sent after the session ended, carried through the sign-in page. */
function resumeOf(
  body: Record<string, string | string[]>,
): { action: string; fields: { name: string; value: string }[] } | null {
  const action = localPath(field(body, 'resume.action'), '');
  if (!action) return null;
  const fields = Object.entries(body)
    .filter(([name]) => name.startsWith('resume.f.'))
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
  return { action, fields };
}

/** Sign-in, sign-out and the language switch. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller()
export class WebAuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly renderer: WebRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @WebPublic()
  login(@Req() req: WebRequest, @Res() res: Response, @Query('next') next?: string): void {
    if (req.web.user) return res.redirect(303, localPath(next));
    this.form(req, res, { email: '', next: localPath(next), error: null, resume: null }, 200);
  }

  @Post('login')
  @WebPublic()
  async signIn(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const email = field(bodyOf(req), 'email').slice(0, 254);
    const next = localPath(field(bodyOf(req), 'next'));
    const result = await this.users.signIn(email, field(bodyOf(req), 'password'), req.ip ?? 'unknown', req.web.now);
    const resume = resumeOf(bodyOf(req));
    if (result.outcome !== 'ok') {
      const until = 'until' in result ? formatInstant(result.until, req.web.lang) : '';
      const status = result.outcome === 'throttled' ? 429 : result.outcome === 'locked' ? 423 : 401;
      return this.form(req, res, { email, next, error: { key: `login.${result.outcome}`, until }, resume }, status);
    }
    const { token } = await this.sessions.start(
      result.user.id,
      { userAgent: req.headers['user-agent'], client: req.ip },
      req.web.now,
    );
    setCookie(res, req, this.config.web, COOKIES.session, token);
    clearCookie(res, req, this.config.web, COOKIES.csrf);
    if (resume && !result.user.mustChangePassword) {
      req.web = { ...req.web, user: result.user, csrf: csrfToken(token) };
      const fields = resume.fields.map((f) => ({ name: f.name.slice('resume.f.'.length), value: f.value }));
      return this.renderer.page(
        req,
        res,
        'resume',
        { action: resume.action, fields, back: next },
        { title: 'resume.title' },
      );
    }
    res.redirect(303, result.user.mustChangePassword ? '/account/password' : next);
  }

  @Post('logout')
  @DuringPasswordChange()
  @RequireRole('viewer')
  async logout(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    if (req.web.session) await this.sessions.end(req.web.session.id, req.web.now);
    clearCookie(res, req, this.config.web, COOKIES.session);
    this.renderer.redirect(req, res, '/login', { key: 'flash.signedOut' });
  }

  @Get('lang/:lang')
  @WebPublic()
  lang(@Req() req: WebRequest, @Res() res: Response, @Param('lang') lang: string, @Query('next') next?: string) {
    setCookie(res, req, this.config.web, COOKIES.lang, lang === 'en' ? 'en' : 'fr', {
      maxAgeSeconds: 365 * 86_400,
    });
    res.redirect(303, localPath(next));
  }

  private form(
    req: WebRequest,
    res: Response,
    model: {
      email: string;
      next: string;
      error: { key: string; until: string } | null;
      resume: { action: string; fields: { name: string; value: string }[] } | null;
    },
    status: number,
  ): void {
    this.renderer.page(req, res, 'login', model, { title: 'login.title', status });
  }
}
