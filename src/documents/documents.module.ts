import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { PdfRenderer } from './pdf-renderer';
import { DocumentCache } from './document-cache';

@Module({
  imports: [SnapshotModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    {
      provide: DocumentCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new DocumentCache(config.documents.cacheDir, config.documents.cacheMb * 1024 * 1024),
    },
    {
      provide: PdfRenderer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PdfRenderer(config.render),
    },
  ],
  exports: [DocumentsService, PdfRenderer],
})
export class DocumentsModule {}
