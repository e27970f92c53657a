import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RequireRole } from '../auth/auth.guard';
import { ValidationFailedError } from '../common/errors';
import type { Lang } from '../common/i18n';
import { canonicalJson } from '../documents/view-models';
import { DocumentJobsService, JobRequest } from './jobs/document-jobs.service';
import type { DocumentKind } from '../documents/templates';
import { VersionsService } from '../versions/versions.service';
import { WorkbookFile, WorkbookService } from '../spreadsheets/workbook.service';
import { field, WebRequest, bodyOf } from './context';
import { OrgData } from './org-data';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const KINDS: DocumentKind[] = [
  'register-controller',
  'register-table',
  'register-processor',
  'dpa-annex',
  'compliance-report',
  'breach-report',
];

type Keyed = { key: string; name?: string; title?: string } & Record<string, unknown>;

/**
 * Every PDF of the organisation, prepared in the background (the request that asks answers at once;
 * the page follows the job until the file is ready), published versions and their differences.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug')
export class DocumentsPagesController {
  constructor(
    private readonly data: OrgData,
    private readonly jobs: DocumentJobsService,
    private readonly versions: VersionsService,
    private readonly renderer: WebRenderer,
    private readonly workbooks: WorkbookService,
  ) {}

  /** The organisation as Registre's workbook (viewers too: reading is not a change). */
  @Get('workbook.:format')
  async workbook(@Req() req: WebRequest, @Res() res: Response, @Param('format') format: string): Promise<void> {
    sendWorkbook(res, await this.workbooks.export(req.web.org!.slug, workbookFormat(format), req.web.lang));
  }

  /** The empty workbook, with drop-downs and a notes row, for a DPO to fill by hand and import. */
  @Get('workbook-template.:format')
  async template(@Req() req: WebRequest, @Res() res: Response, @Param('format') format: string): Promise<void> {
    sendWorkbook(res, await this.workbooks.template(workbookFormat(format), req.web.lang));
  }

  @Get('documents')
  async documents(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const slug = req.web.org!.slug;
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const clients = [
      ...new Set(
        snapshot.treatments
          .filter((t) => t.role === 'processor')
          .flatMap((t) => (t.controllers ?? []).map((c) => c.name)),
      ),
    ].sort();
    const hasProcessor = snapshot.treatments.some((t) => t.role === 'processor');
    const hasController = snapshot.treatments.some((t) => t.role !== 'processor');
    const versions = (await this.versions.list(slug)).reverse();
    this.renderer.page(
      req,
      res,
      'documents',
      {
        kinds: [
          {
            kind: 'register-controller',
            title: 'doc.register-controller',
            sub: 'doc.register-controller.sub',
            asOf: true,
            relevant: hasController,
          },
          {
            kind: 'register-table',
            title: 'doc.register-table',
            sub: 'doc.register-table.sub',
            asOf: true,
            relevant: snapshot.treatments.length > 0,
          },
          {
            kind: 'register-processor',
            title: 'doc.register-processor',
            sub: 'doc.register-processor.sub',
            asOf: true,
            relevant: hasProcessor,
          },
          {
            kind: 'dpa-annex',
            title: 'doc.dpa-annex',
            sub: 'doc.dpa-annex.sub',
            asOf: true,
            relevant: hasProcessor,
            clients,
          },
          {
            kind: 'compliance-report',
            title: 'doc.compliance-report',
            sub: 'doc.compliance-report.sub',
            asOf: true,
            relevant: true,
          },
        ].map((k) => ({ ...k, clients: k.clients ?? [], hasClients: (k.clients ?? []).length > 0 })),
        today: this.data.asOf(req, undefined).input,
        jobs: await this.jobs.list(slug, req.web.actor!),
        versions: versions.map((v) => ({ ...v, short: v.fingerprint.slice(0, 12) })),
        versionOptions: versions.map((v) => ({ value: v.number, label: `n° ${v.number}` })),
        canCompare: versions.length >= 2,
        from: versions[1]?.number ?? null,
        to: versions[0]?.number ?? null,
        breaches: snapshot.breaches.map((b) => ({ key: b.key, title: b.title })),
      },
      { title: 'nav.documents', nav: 'documents' },
    );
  }

  /** Viewers read and render documents (as with API keys): preparing one is not a change. */
  @Post('documents/jobs')
  @RequireRole('viewer')
  async start(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const slug = req.web.org!.slug;
    const kind = field(bodyOf(req), 'kind') as DocumentKind;
    if (!KINDS.includes(kind))
      throw new ValidationFailedError([{ field: 'kind', problem: 'must be one of the following values' }]);
    const lang: Lang = field(bodyOf(req), 'lang') === 'en' ? 'en' : 'fr';
    const asOf = this.data.asOf(req, field(bodyOf(req), 'asOf'));
    if (asOf.invalid)
      throw new ValidationFailedError([{ field: 'asOf', problem: 'must be a real date as YYYY-MM-DD' }]);
    const version = field(bodyOf(req), 'version');
    const request: JobRequest = {
      kind,
      lang,
      asOf: asOf.date,
      ...(field(bodyOf(req), 'client') ? { client: field(bodyOf(req), 'client').slice(0, 300) } : {}),
      ...(kind === 'breach-report' ? { breach: field(bodyOf(req), 'breach').slice(0, 80) } : {}),
      ...(/^\d{1,9}$/.test(version) ? { version: Number(version) } : {}),
    };
    const labels = this.renderer.views.labels[lang];
    const title = [
      labels[`doc.${kind}`] ?? kind,
      request.version ? `${lang === 'fr' ? 'version' : 'version'} ${request.version}` : null,
      request.breach ?? null,
      request.client ?? null,
      req.web.org!.name,
    ]
      .filter(Boolean)
      .join(' — ');
    const job = await this.jobs.start(slug, request, title, req.web.actor!);
    this.renderer.redirect(req, res, `/o/${slug}/documents/jobs/${job.id}`);
  }

  @Get('documents/jobs/:id')
  async job(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const job = await this.jobs.get(req.web.org!.slug, id, req.web.actor!);
    const working = job.status === 'queued' || job.status === 'running';
    this.renderer.page(
      req,
      res,
      'job',
      { job, working, refresh: working ? 2 : null, stageLabel: `job.stage.${job.stage ?? 'queued'}` },
      {
        title: 'job.title',
        nav: 'documents',
        crumbs: [{ label: this.renderer.t(req.web, 'nav.documents'), href: `/o/${req.web.org!.slug}/documents` }],
      },
    );
  }

  @Get('documents/jobs/:id/download')
  async download(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const doc = await this.jobs.download(req.web.org!.slug, id, req.web.actor!);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${doc.filename.replace(/[^\w.-]+/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    res.send(doc.pdf);
  }

  @Post('versions')
  async publish(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const note = field(bodyOf(req), 'note').trim().slice(0, 1000);
    const version = await this.versions.publish(req.web.org!.slug, note || undefined);
    this.renderer.redirect(req, res, `/o/${req.web.org!.slug}/documents#versions`, {
      key: 'flash.published',
      params: { n: String(version.number) },
    });
  }

  @Get('documents/diff')
  async diff(@Req() req: WebRequest, @Res() res: Response, @Query('from') fromQ?: string, @Query('to') toQ?: string) {
    const slug = req.web.org!.slug;
    const [from, to] = [Number(fromQ), Number(toQ)];
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < 1) {
      throw new ValidationFailedError([{ field: 'from', problem: 'must be a version number' }]);
    }
    const diff = await this.versions.diff(slug, from, to);
    const [a, b] = [await this.versions.get(slug, from), await this.versions.get(slug, to)];
    const side = (
      collection: 'treatments' | 'subcontractors',
      part: { added: string[]; removed: string[]; changed: { key: string; fields: string[] }[] },
    ) => {
      const left = new Map(((a.bundle[collection] ?? []) as unknown as Keyed[]).map((r) => [r.key, r]));
      const right = new Map(((b.bundle[collection] ?? []) as unknown as Keyed[]).map((r) => [r.key, r]));
      const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(JSON.parse(canonicalJson(v)), null, 2));
      return [
        ...part.removed.map((key) => ({ key, name: nameOf(left.get(key)), state: 'removed', rows: [] as object[] })),
        ...part.added.map((key) => ({ key, name: nameOf(right.get(key)), state: 'added', rows: [] as object[] })),
        ...part.changed.map((c) => ({
          key: c.key,
          name: nameOf(right.get(c.key)),
          state: 'changed',
          rows: c.fields.map((f) => ({
            field: f,
            before: show(left.get(c.key)?.[f]),
            after: show(right.get(c.key)?.[f]),
          })),
        })),
      ];
    };
    this.renderer.page(
      req,
      res,
      'diff',
      {
        from: { ...diff.from, publishedAt: a.publishedAt, by: a.publishedBy },
        to: { ...diff.to, publishedAt: b.publishedAt, by: b.publishedBy },
        treatments: side('treatments', diff.treatments),
        subcontractors: side('subcontractors', diff.subcontractors),
        same: diff.from.fingerprint === diff.to.fingerprint,
      },
      {
        title: 'diff.title',
        titleParams: { from: String(from), to: String(to) },
        nav: 'documents',
        crumbs: [{ label: this.renderer.t(req.web, 'nav.documents'), href: `/o/${slug}/documents` }],
      },
    );
  }
}

function nameOf(r: Keyed | undefined): string {
  return String(r?.name ?? r?.title ?? r?.key ?? '');
}

function workbookFormat(format: string): 'ods' | 'xlsx' {
  if (format === 'ods' || format === 'xlsx') return format;
  throw new ValidationFailedError([{ field: 'format', problem: 'must be ods or xlsx' }]);
}

function sendWorkbook(res: Response, file: WorkbookFile): void {
  res.set({
    'Content-Type': file.mediaType,
    'Content-Disposition': `attachment; filename="${file.filename.replace(/[^\w.-]+/g, '_')}"`,
    'Cache-Control': 'no-store',
  });
  res.send(file.data);
}
