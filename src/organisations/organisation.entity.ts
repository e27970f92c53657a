import { Column, Entity } from 'typeorm';
import { IdColumn, InstantColumn, JsonColumn, StringColumn, TextColumn } from '../common/columns';
import type { ContactDto, PartyDto, SourceDto } from '../common/shared.dto';
import type { OrganisationRole } from '../reference/vocabulary';
import type { SecurityMeasureDto } from '../register/security-measure.dto';
import type { GuaranteeDto } from '../subcontractors/subcontractor.dto';
import type { OrganisationSettingsDto, ProcessorTermsDto } from './organisation.dto';

@Entity('organisations')
export class OrganisationEntity {
  @IdColumn()
  id!: string;

  @Column('varchar', { length: 64, unique: true })
  slug!: string;

  @StringColumn('name', 300, false)
  name!: string;

  @TextColumn()
  description!: string | null;

  @StringColumn('registration_id', 64)
  registrationId!: string | null;

  @StringColumn('country', 2, false)
  country!: string;

  @TextColumn()
  address!: string | null;

  @JsonColumn()
  roles!: OrganisationRole[];

  @JsonColumn()
  contact!: ContactDto | null;

  @JsonColumn()
  dpo!: ContactDto | null;

  @JsonColumn()
  representative!: PartyDto | null;

  @JsonColumn('security_measures')
  securityMeasures!: SecurityMeasureDto[] | null;

  @JsonColumn('processor_terms')
  processorTerms!: ProcessorTermsDto | null;

  @JsonColumn()
  guarantees!: GuaranteeDto[] | null;

  @JsonColumn()
  settings!: OrganisationSettingsDto | null;

  @TextColumn()
  notes!: string | null;

  @JsonColumn()
  source!: SourceDto | null;

  @InstantColumn('created_at', false)
  createdAt!: string;

  @InstantColumn('updated_at', false)
  updatedAt!: string;

  /**
   * Written by the audit trail alone (`audit`, `auditMany`): a new token with every audited write, the key
   * of cached answers (`BundlesService.revision`). Never selected nor inserted with the entity: a loaded
   * entity has none to save back (TypeORM leaves an undefined property alone) and exports never see it.
   */
  @Column({ type: 'varchar', name: 'revision', length: 36, nullable: true, select: false, insert: false })
  revision?: string | null;
}
