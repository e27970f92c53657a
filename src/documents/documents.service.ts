import { Injectable } from '@nestjs/common';
import type { BundleDto } from '../bundles/bundle.dto';
import { evaluate } from '../compliance/engine';
import type { Lang } from '../compliance/finding';
import { ComplianceSnapshot, snapshotFromBundle } from '../snapshot/snapshot';
import { SnapshotService } from '../snapshot/snapshot.service';
import { breachTimeline, endOfParisDay, Timeline } from '../deadlines/breach-timeline';
import { NotFoundError } from '../common/errors';
import { Clock } from '../common/clock';
import { PdfRenderer } from './pdf-renderer';
import { DocumentKind, Templates } from './templates';
import { documentModel, fingerprint } from './view-models';
import { DOCX_KINDS, renderDocx } from './docx';
import { cacheKey, DocumentCache } from './document-cache';
import { AnswerCache } from '../common/answer-cache';
import { REFERENCE } from '../reference/reference-data';

export interface DocumentRequest {
  kind: DocumentKind;
  slug: string;
  lang?: Lang;
  /** The day the document speaks of (Europe/Paris); default today. */
  asOf?: string;
  /** For a DPA annex: the client it is for. */
  client?: string;
  /** For a breach report: the breach's key. */
  breach?: string;
  /** A published version: its data and its publication day instead of the live data and today. */
  published?: { bundle: BundleDto; on: string };
}

export interface RenderedDocument {
  html: string;
  organisation: string;
  fingerprint: string;
  title: string;
  filename: string;
}

/** A PDF and where it came from: rendered now, read from the cache, or shared with an identical request. */
export interface PdfDocument extends Omit<RenderedDocument, 'html'> {
  pdf: Buffer;
  cache: 'miss' | 'hit' | 'shared';
}

@Injectable()
export class DocumentsService {
  private readonly templates = new Templates();
  /** Renders under way, by cache key: a second identical request waits for the first (kept on disk, not here). */
  private readonly renders = new AnswerCache<PdfDocument>(0);

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly renderer: PdfRenderer,
    private readonly clock: Clock,
    private readonly cache: DocumentCache,
  ) {}

  async html(request: DocumentRequest): Promise<RenderedDocument> {
    return this.build(request, request.published?.on ?? this.clock.today());
  }

  /** The register, the processor register or the DPA annex as Word, from the same view model as the PDF. */
  async docx(request: DocumentRequest): Promise<Omit<RenderedDocument, 'html'> & { docx: Buffer }> {
    if (!DOCX_KINDS.includes(request.kind)) throw new NotFoundError('Word document', request.kind);
    const { model, ...doc } = await this.model(request, request.published?.on ?? this.clock.today());
    const docx = await renderDocx(request.kind, model, this.templates.labels[request.lang ?? 'fr']);
    return { ...doc, docx };
  }

  /** `today` is the generation day printed on the document (read once, for the body and the footer). */
  private async build(request: DocumentRequest, today: string): Promise<RenderedDocument> {
    const { model, ...doc } = await this.model(request, today);
    return { ...doc, html: this.templates.render(request.kind, model) };
  }

  private async model(
    request: DocumentRequest,
    today: string,
  ): Promise<Omit<RenderedDocument, 'html'> & { model: Record<string, unknown> }> {
    const lang = request.lang ?? 'fr';
    const asOf = request.asOf ?? today;
    const { bundle, snapshot } = request.published
      ? { bundle: request.published.bundle, snapshot: snapshotFromBundle(request.published.bundle, asOf) }
      : await this.snapshots.load(request.slug, asOf);
    const print = fingerprint(bundle);
    const labels = this.templates.labels[lang];
    const model = documentModel({
      kind: request.kind,
      snapshot,
      lang,
      labels,
      generatedOn: today,
      fingerprint: print,
      client: request.client,
      evaluation: request.kind === 'compliance-report' ? evaluate(snapshot, lang) : undefined,
      timeline: request.kind === 'breach-report' ? this.timeline(snapshot, request.breach, asOf) : undefined,
    });
    const title = labels[`doc.${request.kind}`];
    return {
      model,
      organisation: snapshot.organisation.name,
      fingerprint: print,
      title,
      filename: `${request.slug}-${request.breach ? `${request.breach}-` : ''}${request.kind}-${asOf}.${lang}`,
    };
  }

  private timeline(snapshot: ComplianceSnapshot, key: string | undefined, asOf: string): Timeline {
    const breach = snapshot.breaches.find((b) => b.key === key);
    if (!breach) throw new NotFoundError('Breach', key ?? '');
    return breachTimeline(snapshot, breach, endOfParisDay(asOf));
  }

  /**
   * `onStage` hears how far it is (documents prepared in the background show it). A live document
   * (not a published version) is kept on disk by everything it depends on — the organisation's
   * revision (any write changes it), the reference data, the day, the language, the options and the
   * templates — and served from there when asked again; identical requests at once share one render.
   */
  async pdf(request: DocumentRequest, onStage?: (stage: 'data' | 'print') => Promise<void>): Promise<PdfDocument> {
    const generated = request.published?.on ?? this.clock.today();
    if (request.published || !this.cache.enabled) return this.renderPdf(request, generated, onStage);
    const key = cacheKey({
      kind: request.kind,
      revision: await this.snapshots.revision(request.slug),
      reference: REFERENCE.versions,
      templates: this.templates.digest,
      generated,
      asOf: request.asOf ?? generated,
      lang: request.lang ?? 'fr',
      client: request.client ?? null,
      breach: request.breach ?? null,
    });
    const cached = await this.cache.get(key);
    if (cached) return { ...cached.meta, pdf: cached.pdf, cache: 'hit' };
    const shared = this.renders.computing(key);
    const doc = await this.renders.get(key, async () => {
      const rendered = await this.renderPdf(request, generated, onStage);
      const { organisation, fingerprint, title, filename } = rendered;
      await this.cache.put(key, rendered.pdf, { organisation, fingerprint, title, filename });
      return rendered;
    });
    return shared ? { ...doc, cache: 'shared' } : doc;
  }

  private async renderPdf(
    request: DocumentRequest,
    generated: string,
    onStage?: (stage: 'data' | 'print') => Promise<void>,
  ): Promise<PdfDocument> {
    await onStage?.('data');
    const { html, ...doc } = await this.build(request, generated);
    await onStage?.('print');
    const pdf = await this.renderer.pdf(html, { pageLabel: this.templates.labels[request.lang ?? 'fr'].page });
    return { ...doc, pdf, cache: 'miss' };
  }
}
