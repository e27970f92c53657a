import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { recordController } from '../organisations/record-controller.factory';
import { CreateBreachDto, UpdateBreachDto } from './breach.dto';
import { breachStore } from './breach.store';
import { BreachesController } from './breaches.controller';
import { BreachesService } from './breaches.service';

@Module({
  imports: [ComplianceModule],
  controllers: [
    BreachesController,
    recordController({
      path: 'breaches',
      tag: 'breaches',
      store: breachStore,
      createDto: CreateBreachDto,
      updateDto: UpdateBreachDto,
    }),
  ],
  providers: [BreachesService],
  exports: [BreachesService],
})
export class BreachesModule {}
