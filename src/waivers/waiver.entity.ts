import { Entity, Index } from 'typeorm';
import { DateColumn, OrgRecordEntity, StringColumn, TextColumn } from '../common/columns';

@Index('uq_waivers_org_key', ['organisationId', 'key'], { unique: true })
@Entity('waivers')
export class WaiverEntity extends OrgRecordEntity {
  @StringColumn('finding_id', 300, false)
  findingId!: string;

  @TextColumn('reason', { nullable: false })
  reason!: string;

  @DateColumn('until')
  until!: string;
}
