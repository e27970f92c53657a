import { Module } from '@nestjs/common';
import { recordController } from '../common/records/record-controller';
import { CreateTreatmentDto, UpdateTreatmentDto, TreatmentViewDto } from './treatment.dto';
import { treatmentStore } from './treatment.store';

@Module({
  controllers: [
    recordController({
      path: 'treatments',
      tag: 'treatments',
      store: treatmentStore,
      createDto: CreateTreatmentDto,
      updateDto: UpdateTreatmentDto,
      viewDto: TreatmentViewDto,
    }),
  ],
})
export class RegisterModule {}
