import { Entity, Index } from 'typeorm';
import {
  IdColumn,
  InstantColumn,
  IntColumn,
  JsonColumn,
  RefColumn,
  References,
  StringColumn,
  TextColumn,
} from '../../common/columns';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * A document prepared in the background. Its state and its result live in the database, so the
 * browser may ask any instance how far it is and download it from any instance; the work itself runs
 * in the instance that accepted it.
 */
@Entity('document_jobs')
@Index('ix_document_jobs_org', ['organisationId', 'createdAt'])
export class DocumentJobEntity {
  @IdColumn()
  id!: string;

  @RefColumn('organisation_id')
  @References('organisations', { cascade: true })
  organisationId!: string;

  /** The actor who asked (its id): only they may follow and download it. */
  @StringColumn('requested_by', 64, false)
  requestedBy!: string;

  @StringColumn('title', 300, false)
  title!: string;

  @JsonColumn('request')
  request!: { kind: string; lang?: string; asOf?: string; client?: string; breach?: string; version?: number };

  @StringColumn('status', 16, false)
  status!: JobStatus;

  @IntColumn('progress')
  progress!: number | null;

  @StringColumn('stage', 40)
  stage!: string | null;

  @TextColumn('error')
  error!: string | null;

  @StringColumn('filename', 300)
  filename!: string | null;

  /** The PDF, base64 (text keeps the column portable between SQLite and PostgreSQL). */
  @TextColumn('result')
  result!: string | null;

  @InstantColumn('created_at', false)
  createdAt!: string;

  @InstantColumn('updated_at', false)
  updatedAt!: string;
}
