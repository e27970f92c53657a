import { Module } from '@nestjs/common';
import { recordController } from '../common/records/record-controller';
import { CreateBreachDto, UpdateBreachDto, BreachViewDto } from './breach.dto';
import { breachStore } from './breach.store';

/** Breaches as records; their notification timeline is a deadline (deadlines/breach-timeline.ts). */
@Module({
  controllers: [
    recordController({
      path: 'breaches',
      tag: 'breaches',
      store: breachStore,
      createDto: CreateBreachDto,
      updateDto: UpdateBreachDto,
      viewDto: BreachViewDto,
    }),
  ],
})
export class BreachesModule {}
