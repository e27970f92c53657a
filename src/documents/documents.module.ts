import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { PdfRenderer } from './pdf-renderer';

@Module({
  imports: [SnapshotModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    {
      provide: PdfRenderer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PdfRenderer(config.render),
    },
  ],
  exports: [DocumentsService, PdfRenderer],
})
export class DocumentsModule {}
