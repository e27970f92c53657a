import { Module } from '@nestjs/common';
import { BundlesModule } from '../bundles/bundles.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { PdfRenderer } from './pdf-renderer';

@Module({
  imports: [BundlesModule],
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
