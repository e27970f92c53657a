import { Module } from '@nestjs/common';
import { BundlesModule } from '../bundles/bundles.module';
import { recordController } from '../organisations/record-controller.factory';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { CreateWaiverDto, UpdateWaiverDto } from './waiver.dto';
import { waiverStore } from './waiver.store';

@Module({
  imports: [BundlesModule],
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
