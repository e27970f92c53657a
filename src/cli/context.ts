import { ConsoleLogger, INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, AppOptions } from '../app.module';

/**
 * Logs of CLI commands go to standard error, so that standard output stays the command's result (--json).
 * A failure to start (an unreadable database) is reported once by the command, as one line: Nest's own
 * reports of it, and stack traces, stay out of the operator's way.
 */
class CliLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    if (logLevel === 'error' && (context === 'ExceptionHandler' || context === 'TypeOrmModule')) return;
    super.printMessages(messages, context, logLevel, 'stderr');
  }

  protected override printStackTrace(): void {}
}

/** The same module graph as the HTTP server, without HTTP: commands call the services directly. */
export async function withContext<T>(
  run: (app: INestApplicationContext) => Promise<T>,
  options: AppOptions = {},
): Promise<T> {
  const logger = new CliLogger();
  logger.setLogLevels(['error', 'warn']);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger, abortOnError: false });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
