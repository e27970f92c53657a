import { Module } from '@nestjs/common';
import { recordController } from '../common/records/record-controller';
import { CreateWaiverDto, UpdateWaiverDto, WaiverViewDto } from './waiver.dto';
import { waiverStore } from './waiver.store';

/** Waivers: a DPO's acceptance of a finding for a while (read by the rule engine through the snapshot). */
@Module({
  controllers: [
    recordController({
      path: 'waivers',
      tag: 'waivers',
      store: waiverStore,
      createDto: CreateWaiverDto,
      updateDto: UpdateWaiverDto,
      viewDto: WaiverViewDto,
    }),
  ],
})
export class WaiversModule {}
