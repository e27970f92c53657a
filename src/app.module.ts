import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BundlesController } from './bundles/bundles.controller';
import { BundlesService } from './bundles/bundles.service';
import { ErrorFilter } from './common/error.filter';
import { strictValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/config';
import { APP_CONFIG, ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health.controller';
import { OrganisationsModule } from './organisations/organisations.module';
import { RegisterModule } from './register/register.module';
import { SubcontractorsModule } from './subcontractors/subcontractors.module';

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    OrganisationsModule,
    RegisterModule,
    SubcontractorsModule,
  ],
  controllers: [HealthController, BundlesController],
  providers: [
    BundlesService,
    { provide: APP_PIPE, useFactory: () => strictValidationPipe() },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
  exports: [BundlesService],
})
export class AppModule {}
