import { Module } from '@nestjs/common';
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
import { ErrorFilter } from './common/error.filter';
import { ComplianceModule } from './compliance/compliance.module';
import { strictValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/config';
import { APP_CONFIG, ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthController } from './health.controller';
import { OrganisationsModule } from './organisations/organisations.module';
import { RecordsModule } from './records/records.module';
import { RegisterModule } from './register/register.module';
import { SubcontractorsModule } from './subcontractors/subcontractors.module';

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
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
    // Read when the application starts (not when this file loads), so that each instance takes its setting.
    ThrottlerModule.forRootAsync({
      useFactory: () => [{ ttl: 60_000, limit: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 600) }],
    }),
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useFactory: () => strictValidationPipe() },
    { provide: APP_FILTER, useClass: ErrorFilter },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: ActorInterceptor },
  ],
})
export class AppModule {}
