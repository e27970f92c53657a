import { Module } from '@nestjs/common';
import { BundlesModule } from '../bundles/bundles.module';
import { SnapshotService } from './snapshot.service';

@Module({ imports: [BundlesModule], providers: [SnapshotService], exports: [SnapshotService] })
export class SnapshotModule {}
