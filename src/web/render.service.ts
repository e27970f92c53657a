import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { hasRole } from '../common/actor';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { COOKIES, setCookie, WebContext, WebRequest } from './context';
import { WebViews } from './views';

/** Content-Security-Policy of every page: nothing but this origin, no inline script or style. */
export const WEB_CSP =
  "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

export interface PageOptions {
  title: string;
  /** Title parameters ({name}). */
  titleParams?: Record<string, string>;
  /** The navigation entry to mark as current. */
  nav?: string;
  status?: number;
  /** Breadcrumbs before the page itself: [label key or text, href]. */
  crumbs?: { label: string; href: string }[];
  /** Rendered alone (without the layout) for htmx requests that target it. */
  fragment?: string;
}

const ORG_NAV = [
  ['dashboard', ''],
  ['register', '/register'],
  ['subcontractors', '/subcontractors'],
  ['chain', '/chain'],
  ['findings', '/findings'],
  ['breaches', '/breaches'],
  ['changes', '/changes'],
  ['documents', '/documents'],
  ['alerts', '/alerts'],
  ['audit', '/audit'],
  ['organisation', '/settings'],
] as const;

@Injectable()
export class WebRenderer {
  readonly views = new WebViews();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Sends a page (or, for htmx, its fragment). */
  page(req: WebRequest, res: Response, name: string, model: object, options: PageOptions): void {
    const web = req.web;
    const full = { ...model, ...this.layout(web, options) };
    const html =
      options.fragment && web.htmx && req.headers['hx-target']
        ? this.views.fragment(options.fragment, full)
        : this.views.page(name, full);
    res.status(options.status ?? 200);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Vary: 'HX-Request' });
    res.send(html);
  }

  /** After a change: 303 to the page that shows it, with a message for the next page. */
  redirect(req: Request, res: Response, location: string, flash?: { key: string; params?: Record<string, string> }) {
    if (flash) {
      setCookie(res, req, this.config.web, COOKIES.flash, JSON.stringify({ kind: 'success', ...flash }), {
        maxAgeSeconds: 60,
      });
    }
    if ((req.headers['hx-request'] as string | undefined) === 'true') {
      res.set('HX-Redirect', location).status(204).end();
      return;
    }
    res.redirect(303, location);
  }

  t(web: Pick<WebContext, 'lang'>, key: string, params: Record<string, string | number> = {}): string {
    const text = this.views.labels[web.lang][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, p: string) => (p in params ? String(params[p]) : whole));
  }

  private layout(web: WebContext, options: PageOptions) {
    const actor = web.actor;
    const org = web.org ?? null;
    const base = org ? `/o/${org.slug}` : '';
    const title = this.t(web, options.title, options.titleParams ?? {});
    return {
      lang: web.lang,
      page: {
        title,
        documentTitle: org ? `${title} — ${org.name} — Registre` : `${title} — Registre`,
        crumbs: options.crumbs ?? [],
      },
      ctx: {
        csrf: web.csrf,
        hxHeaders: JSON.stringify({ 'X-CSRF-Token': web.csrf }),
        path: web.path,
        otherLang: web.lang === 'fr' ? 'en' : 'fr',
        otherLangLabel: web.lang === 'fr' ? 'English' : 'Français',
        langHref: `/lang/${web.lang === 'fr' ? 'en' : 'fr'}?next=${encodeURIComponent(web.path)}`,
        user: web.user ? { name: web.user.name, email: web.user.email } : null,
        org,
        base,
        canEdit: !!actor && hasRole(actor, 'editor'),
        isAdmin: !!actor && hasRole(actor, 'admin'),
        isGlobalAdmin: !!actor && actor.organisations.includes('*') && hasRole(actor, 'admin'),
        role: actor?.role ?? null,
        flash: web.flash ? { kind: web.flash.kind, text: this.t(web, web.flash.key, web.flash.params) } : null,
        nav: org
          ? ORG_NAV.map(([key, path]) => ({
              href: `${base}${path}`,
              label: `nav.${key}`,
              current: options.nav === key,
            }))
          : [],
        globalNav: web.user
          ? [
              { href: '/', label: 'nav.organisations', current: options.nav === 'home' },
              ...(actor && actor.organisations.includes('*') && hasRole(actor, 'admin')
                ? [
                    { href: '/admin/users', label: 'nav.users', current: options.nav === 'users' },
                    { href: '/admin/keys', label: 'nav.keys', current: options.nav === 'keys' },
                  ]
                : []),
              { href: '/account', label: 'nav.account', current: options.nav === 'account' },
            ]
          : [],
      },
    };
  }
}
