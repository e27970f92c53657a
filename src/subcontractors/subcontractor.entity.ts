import { Entity, Index } from 'typeorm';
import type { ContactDto, SourceDto } from '../common/shared.dto';
import {
  BoolColumn,
  DateColumn,
  InstantColumn,
  IntColumn,
  JsonColumn,
  OrgRecordEntity,
  RefColumn,
  References,
  StringColumn,
  TextColumn,
} from '../common/columns';
import type { HdsActivityCode } from '../reference/hds-activities';
import type { AuthorisationKind, CertificateKind, ChangeKind, HdsReferential } from '../reference/vocabulary';
import type { SafeguardDto } from '../transfers/safeguard.dto';
import type { ContractDeadlineDto, ContractTermDto, ServiceScopeDto } from './engagement.dto';
import type { ObjectionDto } from './subprocessor-change.dto';
import type { GuaranteeDto } from './subcontractor.dto';

@Index('uq_subcontractors_org_key', ['organisationId', 'key'], { unique: true })
@Entity('subcontractors')
export class SubcontractorEntity extends OrgRecordEntity {
  @StringColumn('name', 300, false)
  name!: string;

  @StringColumn('legal_name')
  legalName!: string | null;

  @StringColumn('registration_id', 64)
  registrationId!: string | null;

  @StringColumn('country', 2)
  country!: string | null;

  @StringColumn('parent_group')
  parentGroup!: string | null;

  @StringColumn('parent_country', 2)
  parentCountry!: string | null;

  @TextColumn()
  address!: string | null;

  @TextColumn()
  website!: string | null;

  @JsonColumn()
  contact!: ContactDto | null;

  @BoolColumn('dpf_certified')
  dpfCertified!: boolean | null;

  @JsonColumn()
  guarantees!: GuaranteeDto[] | null;

  @TextColumn()
  description!: string | null;

  @JsonColumn()
  source!: SourceDto | null;
}

@Index('uq_certificates_org_key', ['organisationId', 'key'], { unique: true })
@Index('ix_certificates_subcontractor', ['subcontractorId'])
@Entity('certificates')
export class CertificateEntity extends OrgRecordEntity {
  /** null: the organisation itself holds the certificate. */
  @RefColumn('subcontractor_id', true)
  @References('subcontractors')
  subcontractorId!: string | null;

  @StringColumn('certified_entity')
  certifiedEntity!: string | null;

  @StringColumn('certified_entity_country', 2)
  certifiedEntityCountry!: string | null;

  @StringColumn('kind', 32, false)
  kind!: CertificateKind;

  @StringColumn('edition')
  edition!: string | null;

  @StringColumn('hds_referential', 8)
  hdsReferential!: HdsReferential | null;

  @StringColumn('number')
  number!: string | null;

  @StringColumn('issuer')
  issuer!: string | null;

  @JsonColumn('hds_activities')
  hdsActivities!: HdsActivityCode[] | null;

  @TextColumn()
  scope!: string | null;

  @JsonColumn()
  services!: string[] | null;

  @DateColumn('valid_from')
  validFrom!: string | null;

  @DateColumn('valid_to')
  validTo!: string | null;

  @TextColumn('evidence_url')
  evidenceUrl!: string | null;

  @TextColumn()
  notes!: string | null;

  @JsonColumn()
  source!: SourceDto | null;
}

@Index('uq_engagements_org_key', ['organisationId', 'key'], { unique: true })
@Index('ix_engagements_provider', ['providerId'])
@Index('ix_engagements_client', ['clientId'])
@Index('ix_engagements_covered_by_certificate', ['coveredByCertificateId'])
@Entity('engagements')
export class EngagementEntity extends OrgRecordEntity {
  @RefColumn('provider_id')
  @References('subcontractors')
  providerId!: string;

  /** null: the organisation itself is the client; otherwise the provider is this subcontractor's sub-processor. */
  @RefColumn('client_id', true)
  @References('subcontractors')
  clientId!: string | null;

  @JsonColumn()
  services!: string[] | null;

  @JsonColumn('hds_activities')
  hdsActivities!: HdsActivityCode[] | null;

  @JsonColumn('service_scopes')
  serviceScopes!: ServiceScopeDto[] | null;

  /** A certificate of the actor above whose scope includes what this provider does. */
  @RefColumn('covered_by_certificate_id', true)
  @References('certificates')
  coveredByCertificateId!: string | null;

  @BoolColumn('health_data')
  healthData!: boolean | null;

  @JsonColumn('processing_countries')
  processingCountries!: string[] | null;

  @StringColumn('processing_area', 8)
  processingArea!: 'eu' | 'eea' | null;

  @JsonColumn('access_countries')
  accessCountries!: string[] | null;

  @BoolColumn('access_worldwide')
  accessWorldwide!: boolean | null;

  @JsonColumn('access_except_countries')
  accessExceptCountries!: string[] | null;

  @DateColumn('dpa_signed_on')
  dpaSignedOn!: string | null;

  @StringColumn('dpa_reference')
  dpaReference!: string | null;

  @StringColumn('dpa_version', 64)
  dpaVersion!: string | null;

  /** YYYY-MM or YYYY-MM-DD. */
  @DateColumn('dpa_version_date')
  dpaVersionDate!: string | null;

  /** YYYY-MM or YYYY-MM-DD: added to / removed from its client's sub-processor list. */
  @DateColumn('listed_on')
  listedOn!: string | null;

  @DateColumn('removed_on')
  removedOn!: string | null;

  @IntColumn('breach_notice_hours')
  breachNoticeHours!: number | null;

  @IntColumn('objection_window_days')
  objectionWindowDays!: number | null;

  @StringColumn('authorisation', 16)
  authorisation!: AuthorisationKind | null;

  @JsonColumn('transfer_safeguards')
  transferSafeguards!: SafeguardDto[] | null;

  @TextColumn('foreign_law_assessment')
  foreignLawAssessment!: string | null;

  @JsonColumn()
  term!: ContractTermDto | null;

  @JsonColumn()
  deadlines!: ContractDeadlineDto[] | null;

  @TextColumn()
  notes!: string | null;

  @JsonColumn()
  source!: SourceDto | null;
}

@Index('uq_subprocessor_changes_org_key', ['organisationId', 'key'], { unique: true })
@Entity('subprocessor_changes')
export class SubprocessorChangeEntity extends OrgRecordEntity {
  @RefColumn('engagement_id')
  @References('engagements')
  engagementId!: string;

  @RefColumn('subprocessor_id')
  @References('subcontractors')
  subprocessorId!: string;

  @StringColumn('kind', 16, false)
  kind!: ChangeKind;

  @RefColumn('replaces_id', true)
  @References('subcontractors')
  replacesId!: string | null;

  @InstantColumn('notice_received_at', false)
  noticeReceivedAt!: string;

  @DateColumn('planned_effective_on')
  plannedEffectiveOn!: string | null;

  @JsonColumn()
  objection!: ObjectionDto | null;

  @TextColumn()
  notes!: string | null;

  @JsonColumn()
  source!: SourceDto | null;
}
