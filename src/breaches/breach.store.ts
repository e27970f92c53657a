import { RecordStore } from '../common/record-store';
import { SubcontractorEntity } from '../subcontractors/subcontractor.entity';
import { CreateBreachDto } from './breach.dto';
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
  refs: [{ field: 'discoveredBy', column: 'discoveredById', target: SubcontractorEntity, what: 'subcontractor' }],
  referrers: [],
});
