import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { recordController } from '../common/record-controller';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { CreateWaiverDto, UpdateWaiverDto } from './waiver.dto';
import { waiverStore } from './waiver.store';

@Module({
  imports: [SnapshotModule],
  controllers: [
    ComplianceController,
    recordController({
      path: 'waivers',
      tag: 'waivers',
      store: waiverStore,
      createDto: CreateWaiverDto,
      updateDto: UpdateWaiverDto,
    }),
  ],
  providers: [ComplianceService],
  exports: [ComplianceService],
})
export class ComplianceModule {}
