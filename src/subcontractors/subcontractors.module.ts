import { Module } from '@nestjs/common';
import { recordController } from '../common/records/record-controller';
import { CreateCertificateDto, UpdateCertificateDto } from './certificate.dto';
import { CreateEngagementDto, UpdateEngagementDto } from './engagement.dto';
import { CreateSubcontractorDto, UpdateSubcontractorDto } from './subcontractor.dto';
import { certificateStore, engagementStore, subcontractorStore, subprocessorChangeStore } from './subcontractor.stores';
import { CreateSubprocessorChangeDto, UpdateSubprocessorChangeDto } from './subprocessor-change.dto';

@Module({
  controllers: [
    recordController({
      path: 'subcontractors',
      tag: 'subcontractors',
      store: subcontractorStore,
      createDto: CreateSubcontractorDto,
      updateDto: UpdateSubcontractorDto,
    }),
    recordController({
      path: 'certificates',
      tag: 'certificates',
      store: certificateStore,
      createDto: CreateCertificateDto,
      updateDto: UpdateCertificateDto,
    }),
    recordController({
      path: 'engagements',
      tag: 'engagements',
      store: engagementStore,
      createDto: CreateEngagementDto,
      updateDto: UpdateEngagementDto,
    }),
    recordController({
      path: 'subprocessor-changes',
      tag: 'subprocessor changes',
      store: subprocessorChangeStore,
      createDto: CreateSubprocessorChangeDto,
      updateDto: UpdateSubprocessorChangeDto,
    }),
  ],
})
export class SubcontractorsModule {}
