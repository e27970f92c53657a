import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import type { Actor } from '../../common/actor';
import { DomainError, NotFoundError } from '../../common/errors';
import type { Lang } from '../../common/i18n';
import { parisDate } from '../../common/calendar-date';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import { OrganisationsService } from '../../organisations/organisations.service';
import { RegisterVersionEntity } from '../../versions/register-version.entity';
import type { BundleDto } from '../../bundles/bundle.dto';
import { DocumentJobEntity, JobStatus } from './document-job.entity';
import { DocumentRequest, DocumentsService } from '../../documents/documents.service';
import type { DocumentKind } from '../../documents/templates';

/** What a job renders; a published version is named by its number and read when the job runs. */
export interface JobRequest {
  kind: DocumentKind;
  lang?: Lang;
  asOf?: string;
  client?: string;
  breach?: string;
  version?: number;
}

export interface JobView {
  id: string;
  title: string;
  status: JobStatus;
  progress: number;
  stage: string | null;
  error: string | null;
  filename: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Jobs and their PDFs are kept this long, then deleted when a new job starts. */
const KEEP_MS = 24 * 3_600_000;
const PROGRESS: Record<string, number> = { queued: 5, data: 20, print: 60, done: 100 };

/**
 * Documents prepared in the background: the request that asks for one answers at once with a job;
 * the work runs in this process (bounded by the renderer's own concurrency), its stage and its result
 * are written to the database, so progress and download can be served by any instance. A job left
 * "running" by a process that stopped is reported as failed once twice the render timeout has passed.
 */
@Injectable()
export class DocumentJobsService implements OnModuleDestroy {
  private readonly logger = new Logger('DocumentJobs');
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly organisations: OrganisationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async start(slug: string, request: JobRequest, title: string, by: Actor): Promise<JobView> {
    const now = this.clock.now();
    const org = await this.organisations.find(this.dataSource.manager, slug);
    await this.dataSource.manager.delete(DocumentJobEntity, {
      createdAt: LessThan(new Date(now.getTime() - KEEP_MS).toISOString()),
    });
    const row: DocumentJobEntity = {
      id: randomUUID(),
      organisationId: org.id,
      requestedBy: by.id,
      title: title.slice(0, 300),
      request: { ...request },
      status: 'queued',
      progress: PROGRESS.queued,
      stage: 'queued',
      error: null,
      filename: null,
      result: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await this.dataSource.manager.insert(DocumentJobEntity, row);
    const work = this.run(row.id, slug, request).finally(() => this.running.delete(work));
    this.running.add(work);
    return view(row);
  }

  /** A job of this organisation asked by this actor (404 otherwise, as for anything out of reach). */
  async get(slug: string, id: string, by: Actor): Promise<JobView> {
    const now = this.clock.now();
    const row = await this.find(slug, id, by);
    if (row.status === 'running' || row.status === 'queued') {
      const stale = now.getTime() - Date.parse(row.updatedAt) > 2 * this.config.render.timeoutMs + 60_000;
      if (stale) return { ...view(row), status: 'failed', error: 'interrupted' };
    }
    return view(row);
  }

  async download(slug: string, id: string, by: Actor): Promise<{ filename: string; pdf: Buffer }> {
    const row = await this.find(slug, id, by);
    if (row.status !== 'done' || !row.result) throw new NotFoundError('Document', id);
    return { filename: row.filename ?? `${id}.pdf`, pdf: Buffer.from(row.result, 'base64') };
  }

  async list(slug: string, by: Actor): Promise<JobView[]> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const rows = await this.dataSource.manager.find(DocumentJobEntity, {
      where: { organisationId: org.id, requestedBy: by.id },
      order: { createdAt: 'DESC' },
      take: 10,
      select: {
        id: true,
        title: true,
        status: true,
        progress: true,
        stage: true,
        error: true,
        filename: true,
        createdAt: true,
        updatedAt: true,
      },
    });
    return rows.map(view);
  }

  /** Lets running jobs finish before the process (and its database connection) goes away. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async find(slug: string, id: string, by: Actor): Promise<DocumentJobEntity> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const row = /^[0-9a-f-]{36}$/.test(id)
      ? await this.dataSource.manager.findOne(DocumentJobEntity, { where: { id, organisationId: org.id } })
      : null;
    if (!row || row.requestedBy !== by.id) throw new NotFoundError('Document', id);
    return row;
  }

  private async run(id: string, slug: string, request: JobRequest): Promise<void> {
    const update = (change: Partial<Omit<DocumentJobEntity, 'request'>>) =>
      this.dataSource.manager.update(DocumentJobEntity, { id }, { ...change, updatedAt: this.clock.instant() });
    try {
      await update({ status: 'running' });
      const doc = await this.documents.pdf(await this.documentRequest(slug, request), async (stage) => {
        await update({ stage, progress: PROGRESS[stage] });
      });
      await update({
        status: 'done',
        stage: 'done',
        progress: 100,
        filename: `${doc.filename}.pdf`,
        result: doc.pdf.toString('base64'),
      });
    } catch (error) {
      const message = error instanceof DomainError ? error.message : 'internal error';
      if (!(error instanceof DomainError)) this.logger.error(`job ${id}: ${(error as Error).stack ?? String(error)}`);
      await update({ status: 'failed', error: message.slice(0, 1000) }).catch(() => undefined);
    }
  }

  private async documentRequest(slug: string, request: JobRequest): Promise<DocumentRequest> {
    const base: DocumentRequest = {
      kind: request.kind,
      slug,
      lang: request.lang,
      asOf: request.asOf,
      client: request.client,
      breach: request.breach,
    };
    if (request.version === undefined) return base;
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const version = await this.dataSource.manager.findOne(RegisterVersionEntity, {
      where: { organisationId: org.id, number: request.version },
    });
    if (!version) throw new NotFoundError('Version', String(request.version));
    const on = parisDate(version.publishedAt);
    return { ...base, asOf: on, published: { bundle: JSON.parse(version.data) as BundleDto, on } };
  }
}

function view(row: DocumentJobEntity): JobView {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    progress: row.progress ?? 0,
    stage: row.stage,
    error: row.error,
    filename: row.filename,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
