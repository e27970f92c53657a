import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { json, NextFunction, raw, Request, Response } from 'express';
import helmet from 'helmet';
import { isUtf8 } from 'node:buffer';
import { AppModule, AppOptions } from './app.module';
import { toErrorBody } from './common/error.filter';
import { ValidationFailedError } from './common/errors';
import { jsonShapeProblem } from './common/json-shape';
import { loadConfig } from './config/config';
import { configureWeb, WEB_ROUTES } from './web/http-setup';
import { UPLOAD_TYPES } from './spreadsheets/spreadsheets.controller';

/** Where the API's OpenAPI document is served: Swagger UI, and the JSON a client is generated from. */
export const API_DOCUMENT_PATH = 'api/docs';
export const API_DOCUMENT_JSON = 'api/docs-json';

/**
 * The OpenAPI document of the JSON API, from the controllers' decorators (the web app's pages are left
 * out). `npm run openapi` writes it to `openapi.json`; a test fails when the served one differs.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Registre API')
      .setDescription('GDPR Article 30 register, subcontractor chain and their checks')
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'rk_<id>_<secret>',
        description: 'An API key (`registre keys create`)',
      })
      .build(),
  );
}

/** Builds the HTTP application (used by `registre serve` and by the end-to-end tests). */
export async function createHttpApp(options: { logger?: false } & AppOptions = {}): Promise<INestApplication> {
  const config = options.config ?? loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...options, config }), {
    bodyParser: false,
    // Start-up chatter (routes mapped, modules loaded) stays out of the operator's way; warnings and errors show.
    logger: options.logger === false ? false : ['error', 'warn'],
  });
  // Security headers; CORS stays off (no Access-Control-* headers): browsers of other origins are refused.
  // The API serves JSON; document previews set their own strict CSP; Swagger UI needs its inline scripts.
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(
    json({
      limit: config.http.bodyLimit,
      strict: true,
      // Bytes that are not UTF-8 would silently become U+FFFD in the register: refuse them instead.
      verify: (_req, _res, buffer, encoding) => {
        if (encoding.toLowerCase() === 'utf-8' && !isUtf8(buffer)) {
          throw Object.assign(new Error('The request body is not valid UTF-8'), {
            status: 400,
            type: 'encoding.invalid',
          });
        }
      },
    }),
  );
  configureWeb(app, config);
  // Before any validator walks it: bounded depth, no prototype keys (a 400 naming the field).
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const problem = jsonShapeProblem(req.body);
    next(problem ? new ValidationFailedError([problem]) : undefined);
  });
  // Files sent as the request body (a spreadsheet, a CSV, a pasted table), bounded like every untrusted file.
  app.use(raw({ type: UPLOAD_TYPES, limit: config.imports.maxBytes }));
  // Errors raised before Nest's pipeline (body parser, shape): answer them here in the same error shape.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(error instanceof ValidationFailedError) && !(error as { type?: string })?.type) return next(error);
    const body = toErrorBody(error);
    res.status(body.statusCode).json(body);
  });
  app.setGlobalPrefix('api', { exclude: WEB_ROUTES });
  SwaggerModule.setup(API_DOCUMENT_PATH, app, apiDocument(app), { jsonDocumentUrl: API_DOCUMENT_JSON });
  return app;
}
