import { ConsoleLogger, INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, AppOptions } from '../app.module';

/** Logs of CLI commands go to standard error, so that standard output stays the command's result (--json). */
class CliLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    super.printMessages(messages, context, logLevel, 'stderr');
  }
}

/** The same module graph as the HTTP server, without HTTP: commands call the services directly. */
export async function withContext<T>(
  run: (app: INestApplicationContext) => Promise<T>,
  options: AppOptions = {},
): Promise<T> {
  const logger = new CliLogger();
  logger.setLogLevels(['error', 'warn']);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
