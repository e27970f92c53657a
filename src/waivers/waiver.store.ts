import { RecordStore } from '../common/records/record-store';
import { CreateWaiverDto } from './waiver.dto';
import { WaiverEntity } from './waiver.entity';

export const waiverStore = new RecordStore<WaiverEntity, CreateWaiverDto>({
  what: 'Waiver',
  entity: WaiverEntity,
  createDto: CreateWaiverDto,
  fields: ['findingId', 'reason', 'until'],
  refs: [],
});
