import { Module } from '@nestjs/common';
import { recordController } from '../common/records/record-controller';
import { CreateCertificateDto, UpdateCertificateDto, CertificateViewDto } from './certificate.dto';
import { CreateEngagementDto, UpdateEngagementDto, EngagementViewDto } from './engagement.dto';
import { CreateSubcontractorDto, UpdateSubcontractorDto, SubcontractorViewDto } from './subcontractor.dto';
import { certificateStore, engagementStore, subcontractorStore, subprocessorChangeStore } from './subcontractor.stores';
import {
  CreateSubprocessorChangeDto,
  UpdateSubprocessorChangeDto,
  SubprocessorChangeViewDto,
} from './subprocessor-change.dto';

@Module({
  controllers: [
    recordController({
      path: 'subcontractors',
      tag: 'subcontractors',
      store: subcontractorStore,
      createDto: CreateSubcontractorDto,
      updateDto: UpdateSubcontractorDto,
      viewDto: SubcontractorViewDto,
    }),
    recordController({
      path: 'certificates',
      tag: 'certificates',
      store: certificateStore,
      createDto: CreateCertificateDto,
      updateDto: UpdateCertificateDto,
      viewDto: CertificateViewDto,
    }),
    recordController({
      path: 'engagements',
      tag: 'engagements',
      store: engagementStore,
      createDto: CreateEngagementDto,
      updateDto: UpdateEngagementDto,
      viewDto: EngagementViewDto,
    }),
    recordController({
      path: 'subprocessor-changes',
      tag: 'subprocessor changes',
      store: subprocessorChangeStore,
      createDto: CreateSubprocessorChangeDto,
      updateDto: UpdateSubprocessorChangeDto,
      viewDto: SubprocessorChangeViewDto,
    }),
  ],
})
export class SubcontractorsModule {}
