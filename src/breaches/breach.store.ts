import { RecordStore } from '../common/records/record-store';
import { SubcontractorEntity } from '../subcontractors/subcontractor.entity';
import { TreatmentEntity } from '../register/treatment.entity';
import { CreateBreachDto, FIXED_PARTIES } from './breach.dto';
import { BreachEntity } from './breach.entity';

export const breachStore = new RecordStore<BreachEntity, CreateBreachDto>({
  what: 'Breach',
  entity: BreachEntity,
  createDto: CreateBreachDto,
  fields: [
    'title',
    'nature',
    'occurredAt',
    'organisationAwareAt',
    'providerAwareness',
    'riskLevel',
    'dataCategories',
    'subjectCategories',
    'approxSubjects',
    'approxRecords',
    'consequences',
    'measures',
    'treatments',
    'notifications',
    'delayReasons',
    'source',
  ],
  refs: [
    { path: 'discoveredBy', column: 'discoveredById', target: SubcontractorEntity, what: 'subcontractor' },
    { path: 'providerAwareness[].subcontractor', target: SubcontractorEntity, what: 'subcontractor', unique: true },
    { path: 'notifications[].from', target: SubcontractorEntity, what: 'subcontractor', except: FIXED_PARTIES },
    { path: 'notifications[].to', target: SubcontractorEntity, what: 'subcontractor', except: FIXED_PARTIES },
    { path: 'treatments[]', target: TreatmentEntity, what: 'treatment', unique: true },
  ],
});
