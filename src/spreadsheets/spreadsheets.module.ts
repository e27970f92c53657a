import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { BundlesModule } from '../bundles/bundles.module';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ImportService } from './import.service';
import { ImportController, SubprocessorListController, WorkbookController } from './spreadsheets.controller';
import { SubprocessorListService } from './subprocessor-list.service';
import { WorkbookService } from './workbook.service';

@Module({
  imports: [
    BundlesModule,
    // Uploads stay in memory, bounded like every untrusted file (IMPORT_MAX_BYTES), one file per request.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.imports.maxBytes, files: 1, fields: 10, parts: 12 },
      }),
    }),
  ],
  controllers: [ImportController, WorkbookController, SubprocessorListController],
  providers: [ImportService, WorkbookService, SubprocessorListService],
  exports: [ImportService, WorkbookService, SubprocessorListService],
})
export class SpreadsheetsModule {}
