import { Module } from '@nestjs/common';
import { BundlesModule } from '../bundles/bundles.module';
import { DocumentsModule } from '../documents/documents.module';
import { VersionsController } from './versions.controller';
import { VersionsService } from './versions.service';

@Module({
  imports: [BundlesModule, DocumentsModule],
  controllers: [VersionsController],
  providers: [VersionsService],
  exports: [VersionsService],
})
export class VersionsModule {}
