import { RecordStore } from '../common/records/record-store';
import { CreateCertificateDto } from './certificate.dto';
import { CreateEngagementDto } from './engagement.dto';
import { CreateSubcontractorDto } from './subcontractor.dto';
import { CreateSubprocessorChangeDto } from './subprocessor-change.dto';
import {
  CertificateEntity,
  EngagementEntity,
  SubcontractorEntity,
  SubprocessorChangeEntity,
} from './subcontractor.entity';

export const subcontractorStore = new RecordStore<SubcontractorEntity, CreateSubcontractorDto>({
  what: 'Subcontractor',
  entity: SubcontractorEntity,
  createDto: CreateSubcontractorDto,
  fields: [
    'name',
    'legalName',
    'registrationId',
    'country',
    'parentGroup',
    'parentCountry',
    'address',
    'website',
    'contact',
    'dpfCertified',
    'guarantees',
    'description',
    'source',
  ],
  refs: [],
});

export const certificateStore = new RecordStore<CertificateEntity, CreateCertificateDto>({
  what: 'Certificate',
  entity: CertificateEntity,
  createDto: CreateCertificateDto,
  fields: [
    'kind',
    'edition',
    'hdsReferential',
    'number',
    'issuer',
    'hdsActivities',
    'scope',
    'validFrom',
    'validTo',
    'evidenceUrl',
    'notes',
    'source',
  ],
  refs: [{ path: 'subcontractor', column: 'subcontractorId', target: SubcontractorEntity, what: 'subcontractor' }],
});

export const engagementStore = new RecordStore<EngagementEntity, CreateEngagementDto>({
  what: 'Engagement',
  entity: EngagementEntity,
  createDto: CreateEngagementDto,
  fields: [
    'services',
    'hdsActivities',
    'healthData',
    'processingCountries',
    'processingArea',
    'accessCountries',
    'dpaSignedOn',
    'dpaReference',
    'breachNoticeHours',
    'objectionWindowDays',
    'authorisation',
    'transferSafeguard',
    'foreignLawAssessment',
    'term',
    'deadlines',
    'notes',
    'source',
  ],
  refs: [
    { path: 'provider', column: 'providerId', target: SubcontractorEntity, what: 'subcontractor' },
    { path: 'client', column: 'clientId', target: SubcontractorEntity, what: 'subcontractor' },
  ],
  check: (dto) =>
    dto.client !== undefined && dto.client === dto.provider
      ? [{ field: 'client', problem: 'a subcontractor cannot engage itself' }]
      : [],
});

export const subprocessorChangeStore = new RecordStore<SubprocessorChangeEntity, CreateSubprocessorChangeDto>({
  what: 'Sub-processor change',
  entity: SubprocessorChangeEntity,
  createDto: CreateSubprocessorChangeDto,
  fields: ['kind', 'noticeReceivedAt', 'plannedEffectiveOn', 'objection', 'notes', 'source'],
  refs: [
    { path: 'engagement', column: 'engagementId', target: EngagementEntity, what: 'engagement' },
    { path: 'subprocessor', column: 'subprocessorId', target: SubcontractorEntity, what: 'subcontractor' },
    { path: 'replaces', column: 'replacesId', target: SubcontractorEntity, what: 'subcontractor' },
  ],
  check: (dto) =>
    dto.replaces !== undefined && dto.replaces === dto.subprocessor
      ? [{ field: 'replaces', problem: 'a sub-processor cannot replace itself' }]
      : [],
});
