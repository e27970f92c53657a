import { Global, Module } from '@nestjs/common';
import { RecordReferences, RecordsService } from '../common/records/records.service';
import { referrersOf } from './record-kinds';

/** The generic records service, with the registry's reverse references. */
@Global()
@Module({
  providers: [RecordsService, { provide: RecordReferences, useValue: { referrersOf } satisfies RecordReferences }],
  exports: [RecordsService],
})
export class RecordsModule {}
