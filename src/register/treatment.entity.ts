import { Entity, Index } from 'typeorm';
import type { PartyDto, SourceDto } from '../common/shared.dto';
import {
  BoolColumn,
  IntColumn,
  JsonColumn,
  OrgRecordEntity,
  RefColumn,
  References,
  IdColumn,
  StringColumn,
  TextColumn,
} from '../common/columns';
import type { HdsActivityCode } from '../reference/hds-activities';
import type { TreatmentRole, TreatmentStatus } from '../reference/vocabulary';
import type { DpiaDto } from './dpia.dto';
import type { SecurityMeasureDto } from './security-measure.dto';
import type { DataCategoryDto, LegalBasisDto, RecipientDto, TransferDto } from './treatment.dto';

@Index('uq_treatments_org_key', ['organisationId', 'key'], { unique: true })
@Entity('treatments')
export class TreatmentEntity extends OrgRecordEntity {
  @StringColumn('name', 300, false)
  name!: string;

  @TextColumn()
  description!: string | null;

  @StringColumn('role', 20, false)
  role!: TreatmentRole;

  @StringColumn('status', 20, false)
  status!: TreatmentStatus;

  @JsonColumn()
  controllers!: PartyDto[] | null;

  @JsonColumn('joint_controllers')
  jointControllers!: PartyDto[] | null;

  @JsonColumn()
  purposes!: string[] | null;

  @JsonColumn('legal_basis')
  legalBasis!: LegalBasisDto | null;

  @JsonColumn('data_subjects')
  dataSubjects!: string[] | null;

  @JsonColumn('data_categories')
  dataCategories!: DataCategoryDto[] | null;

  @TextColumn()
  retention!: string | null;

  @JsonColumn()
  recipients!: RecipientDto[] | null;

  @JsonColumn()
  transfers!: TransferDto[] | null;

  @JsonColumn('security_measures')
  securityMeasures!: SecurityMeasureDto[] | null;

  @JsonColumn('hds_activities_in_house')
  hdsActivitiesInHouse!: HdsActivityCode[] | null;

  @JsonColumn()
  dpia!: DpiaDto | null;

  @BoolColumn('patient_record')
  patientRecord!: boolean | null;

  @TextColumn()
  notes!: string | null;

  @JsonColumn()
  source!: SourceDto | null;
}

/** Which engagement a treatment relies on, and for what (a real table so a used engagement cannot vanish). */
@Index('uq_treatment_uses', ['treatmentId', 'engagementId'], { unique: true })
@Index('ix_treatment_uses_engagement', ['engagementId'])
@Entity('treatment_uses')
export class TreatmentUseEntity {
  @IdColumn()
  id!: string;

  @RefColumn('treatment_id')
  @References('treatments', { cascade: true })
  treatmentId!: string;

  @RefColumn('engagement_id')
  @References('engagements')
  engagementId!: string;

  @IntColumn('position')
  position!: number;

  @TextColumn()
  purpose!: string | null;
}
