import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, urlencoded } from 'express';
import type { AppConfig } from '../config/config';
import { WEB_CSP } from './render.service';

const isApi = (path: string) => /^\/api(\/|$)/.test(path);

/** Top-level paths of the web application: served at the root, outside the API's /api prefix. */
export const WEB_ROUTES = [
  '/',
  'login',
  'logout',
  'lang/*rest',
  'account',
  'account/*rest',
  'admin/*rest',
  'o/*rest',
  'assets/*rest',
].map((path) => ({ path, method: RequestMethod.ALL }));

/**
 * What the web pages need from Express before Nest sees the request: form bodies (only outside /api,
 * whose bodies stay JSON), their own strict Content-Security-Policy, and the proxy setting that makes
 * `req.secure` and `req.ip` true behind TLS termination.
 */
export function configureWeb(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.web.trustProxy);
  const forms = urlencoded({ extended: false, limit: '1mb', parameterLimit: 5000 });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApi(req.path)) return next();
    res.set({ 'Content-Security-Policy': WEB_CSP, 'Referrer-Policy': 'same-origin' });
    forms(req, res, next);
  });
}
