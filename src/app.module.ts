import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ActorInterceptor } from './auth/actor.interceptor';
import { AuthGuard } from './auth/auth.guard';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { VersionsModule } from './versions/versions.module';
import { WaiversModule } from './waivers/waivers.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from './alerts/alerts.module';
import { BreachesModule } from './breaches/breaches.module';
import { BundlesModule } from './bundles/bundles.module';
import { Clock, ClockModule, SystemClock } from './common/clock';
import { ErrorFilter } from './common/error.filter';
import { QueryParamsInterceptor } from './common/query-params.interceptor';
import { ComplianceModule } from './compliance/compliance.module';
import { strictValidationPipe } from './common/validation.pipe';
import { AppConfig, loadConfig } from './config/config';
import { APP_CONFIG, ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { RegistreDataSource } from './database/registre-data-source';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthController } from './health.controller';
import { OrganisationsModule } from './organisations/organisations.module';
import { RecordsModule } from './records/records.module';
import { RegisterModule } from './register/register.module';
import { SpreadsheetsModule } from './spreadsheets/spreadsheets.module';
import { SubcontractorsModule } from './subcontractors/subcontractors.module';
import { WebModule } from './web/web.module';

/** What the application is built with: its configuration and its clock (tests give their own). */
export interface AppOptions {
  config?: AppConfig;
  clock?: Clock;
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        // A SQLite file that cannot be opened will not open by waiting; a PostgreSQL server may be starting.
        retryAttempts: config.database.kind === 'sqlite' ? 0 : 5,
        retryDelay: 2000,
      }),
      dataSourceFactory: async (options) => new RegistreDataSource(options!).initialize(),
    }),
    OrganisationsModule,
    RecordsModule,
    RegisterModule,
    SubcontractorsModule,
    BundlesModule,
    ComplianceModule,
    WaiversModule,
    DocumentsModule,
    BreachesModule,
    DeadlinesModule,
    AlertsModule,
    AuthModule,
    AuditModule,
    VersionsModule,
    WebModule,
    SpreadsheetsModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.http.rateLimitPerMinute }],
        // One budget per client for the whole API: the default key also names the route, which would
        // give a client RATE_LIMIT_PER_MINUTE requests on each of the fifty routes.
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      }),
    }),
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useFactory: () => strictValidationPipe() },
    { provide: APP_FILTER, useClass: ErrorFilter },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: ActorInterceptor },
    { provide: APP_INTERCEPTOR, useClass: QueryParamsInterceptor },
  ],
})
export class AppModule {
  /**
   * The application's module graph. Without options the environment is read here, once, and the
   * system clock is used.
   */
  static forRoot(options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config ?? loadConfig()),
        ClockModule.forRoot(options.clock ?? new SystemClock()),
      ],
    };
  }
}
