import { BreachEntity } from '../breaches/breach.entity';
import { RecordStore, ReferrerSpec, referrer } from '../common/record-store';
import { TreatmentEntity, TreatmentUseEntity } from '../register/treatment.entity';
import { In } from 'typeorm';
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

const usedByTreatments: ReferrerSpec = {
  column: 'engagementId',
  find: async (manager, id) => {
    const uses = await manager.find(TreatmentUseEntity, { where: { engagementId: id } });
    if (!uses.length) return [];
    const treatments = await manager.find(TreatmentEntity, {
      where: { id: In(uses.map((u) => u.treatmentId)) },
      select: { key: true },
    });
    return treatments.map((t) => `treatment "${t.key}"`);
  },
};

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
  referrers: [
    referrer(CertificateEntity, 'subcontractorId', 'certificate'),
    referrer(EngagementEntity, 'providerId', 'engagement'),
    referrer(EngagementEntity, 'clientId', 'engagement'),
    referrer(SubprocessorChangeEntity, 'subprocessorId', 'sub-processor change'),
    referrer(SubprocessorChangeEntity, 'replacesId', 'sub-processor change'),
    referrer(BreachEntity, 'discoveredById', 'breach'),
  ],
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
  refs: [{ field: 'subcontractor', column: 'subcontractorId', target: SubcontractorEntity, what: 'subcontractor' }],
  referrers: [],
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
    { field: 'provider', column: 'providerId', target: SubcontractorEntity, what: 'subcontractor' },
    { field: 'client', column: 'clientId', target: SubcontractorEntity, what: 'subcontractor' },
  ],
  check: (dto) =>
    dto.client !== undefined && dto.client === dto.provider
      ? [{ field: 'client', problem: 'a subcontractor cannot be its own client' }]
      : [],
  referrers: [usedByTreatments, referrer(SubprocessorChangeEntity, 'engagementId', 'sub-processor change')],
});

export const subprocessorChangeStore = new RecordStore<SubprocessorChangeEntity, CreateSubprocessorChangeDto>({
  what: 'Sub-processor change',
  entity: SubprocessorChangeEntity,
  createDto: CreateSubprocessorChangeDto,
  fields: ['kind', 'noticeReceivedAt', 'plannedEffectiveOn', 'objection', 'notes', 'source'],
  refs: [
    { field: 'engagement', column: 'engagementId', target: EngagementEntity, what: 'engagement' },
    { field: 'subprocessor', column: 'subprocessorId', target: SubcontractorEntity, what: 'subcontractor' },
    { field: 'replaces', column: 'replacesId', target: SubcontractorEntity, what: 'subcontractor' },
  ],
  check: (dto) =>
    dto.replaces !== undefined && dto.replaces === dto.subprocessor
      ? [{ field: 'replaces', problem: 'a sub-processor cannot replace itself' }]
      : [],
  referrers: [],
});
