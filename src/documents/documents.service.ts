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
import { DocumentKind, formatDate, Templates } from './templates';
import { documentModel, fingerprint } from './view-models';
import { DOCX_KINDS, renderDocx } from './docx';

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

@Injectable()
export class DocumentsService {
  private readonly templates = new Templates();

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly renderer: PdfRenderer,
    private readonly clock: Clock,
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

  /** `onStage` hears how far it is (documents prepared in the background show it). */
  async pdf(
    request: DocumentRequest,
    onStage?: (stage: 'data' | 'print') => Promise<void>,
  ): Promise<RenderedDocument & { pdf: Buffer }> {
    const generated = request.published?.on ?? this.clock.today();
    await onStage?.('data');
    const doc = await this.build(request, generated);
    await onStage?.('print');
    const lang = request.lang ?? 'fr';
    const labels = this.templates.labels[lang];
    const pdf = await this.renderer.pdf(doc.html, {
      headerTemplate: this.templates.render('header', { title: doc.title, organisation: doc.organisation }),
      footerTemplate: this.templates.render('footer', {
        generatedLabel: labels.generated,
        generated: formatDate(generated, labels.locale),
        pageLabel: labels.page,
      }),
    });
    return { ...doc, pdf };
  }
}
