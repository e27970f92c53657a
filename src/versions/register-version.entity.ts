import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, JsonColumn, RefColumn, References, StringColumn } from '../common/columns';

/** A published register version: the canonical data as it was, with its fingerprint. */
@Index('uq_versions_org_number', ['organisationId', 'number'], { unique: true })
@Entity('register_versions')
export class RegisterVersionEntity {
  @IdColumn()
  id!: string;

  @RefColumn('organisation_id')
  @References('organisations', { cascade: true })
  organisationId!: string;

  @IntColumn('number')
  number!: number;

  @StringColumn('fingerprint', 64, false)
  fingerprint!: string;

  @Column('text', { name: 'data' })
  data!: string;

  /** The versions of the legal reference data in force when it was published (REFERENCE.versions). */
  @JsonColumn('reference_versions')
  referenceVersions!: Record<string, string> | null;

  @StringColumn('note', 1000)
  note!: string | null;

  @InstantColumn('published_at', false)
  publishedAt!: string;

  @StringColumn('published_by', 200, false)
  publishedBy!: string;
}
