import { Column, Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, RefColumn, StringColumn } from '../database/columns';

/** A published register version: the canonical data as it was, with its fingerprint. */
@Entity('register_versions')
export class RegisterVersionEntity {
  @IdColumn()
  id!: string;

  @RefColumn('organisation_id')
  organisationId!: string;

  @IntColumn('number')
  number!: number;

  @StringColumn('fingerprint', 64, false)
  fingerprint!: string;

  @Column('text', { name: 'data' })
  data!: string;

  @StringColumn('note', 1000)
  note!: string | null;

  @InstantColumn('published_at', false)
  publishedAt!: string;

  @StringColumn('published_by', 200, false)
  publishedBy!: string;
}
