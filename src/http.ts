import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { toErrorBody } from './common/error.filter';
import { AppConfig } from './config/config';
import { APP_CONFIG } from './config/config.module';

/** Builds the HTTP application (used by `registre serve` and by the end-to-end tests). */
export async function createHttpApp(options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    // Start-up chatter (routes mapped, modules loaded) stays out of the operator's way; warnings and errors show.
    logger: options.logger === false ? false : ['error', 'warn'],
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  // Security headers; CORS stays off (no Access-Control-* headers): browsers of other origins are refused.
  // The API serves JSON; document previews set their own strict CSP; Swagger UI needs its inline scripts.
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(json({ limit: config.bodyLimit, strict: true }));
  // Body-parser errors happen before Nest's pipeline: answer them here in the same error shape.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(error as { type?: string })?.type) return next(error);
    const body = toErrorBody(error);
    res.status(body.statusCode).json(body);
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Registre API')
      .setDescription('GDPR Article 30 register, subcontractor chain and their checks')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
