import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { DocumentKind, Labels } from './templates';
import { formatDate } from './templates';
import type {
  CertificateView,
  ContactView,
  MeasureView,
  ProcessorTermsView,
  SubcontractorView,
  TransferView,
  TreatmentView,
} from './view-models';

/**
 * The register (Art. 30(1), 30(2)) and the DPA annex as Word documents, from the same view models as
 * the PDFs and in the same order, so that what a lawyer edits before signing says what the printed
 * register says. Word-specific choices only: real headings (Word builds its own table of contents from
 * them), tables whose header row repeats on each page, page numbers in the footer.
 */

export const DOCX_KINDS: readonly DocumentKind[] = ['register-controller', 'register-processor', 'dpa-annex'];
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface CommonModel {
  title: string;
  subtitle: string;
  organisation: {
    name: string;
    registrationId: string | null;
    address: string | null;
    countryName: string;
    contact: ContactView | null;
    dpo: ContactView | null;
    representative: { name: string; contact: ContactView | null } | null;
  };
  asOf: string;
  generatedOn: string;
  fingerprint: string;
  client: string | null;
  measures: MeasureView[];
  labels: Labels;
}

interface ControllerModel extends CommonModel {
  treatments: TreatmentView[];
  certificates: CertificateView[];
}

interface ProcessorModel extends CommonModel {
  processorTerms: ProcessorTermsView | null;
  certificates: CertificateView[];
  controllers: {
    name: string;
    description: string | null;
    treatments: TreatmentView[];
    subcontractors: SubcontractorView[];
    transfers: TransferView[];
  }[];
}

interface AnnexModel extends CommonModel {
  processorTerms: ProcessorTermsView | null;
  treatments: TreatmentView[];
  subcontractors: SubcontractorView[];
  certificates: CertificateView[];
}

type Block = Paragraph | Table;

// eslint-disable-next-line no-control-regex -- characters WordprocessingML (XML 1.0) cannot hold
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

class Writer {
  constructor(readonly labels: Labels) {}

  t(key: string): string {
    return this.labels[key] ?? key;
  }

  /** Runs of text; a line break in user text stays a line break. */
  runs(text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}): TextRun[] {
    return text
      .replace(NOT_XML, '')
      .split('\n')
      .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
  }

  p(text: string, options: { bold?: boolean; italics?: boolean; muted?: boolean } = {}): Paragraph {
    return new Paragraph({
      children: this.runs(text, {
        bold: options.bold,
        italics: options.italics,
        color: options.muted ? '6B7785' : undefined,
      }),
    });
  }

  empty(): Paragraph {
    return new Paragraph({ children: this.runs(this.t('notStated'), { italics: true, color: 'AA3333' }) });
  }

  heading(text: string, level: 1 | 2 | 3, pageBreakBefore = false): Paragraph {
    const heading =
      level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    return new Paragraph({ heading, pageBreakBefore, keepNext: true, children: this.runs(text) });
  }

  cell(content: string | Paragraph[], header = false, width?: number): TableCell {
    const children =
      typeof content === 'string'
        ? [this.p(content, { bold: header })]
        : content.length
          ? content
          : [new Paragraph('')];
    return new TableCell({
      children,
      ...(width ? { width: { size: width, type: WidthType.PERCENTAGE } } : {}),
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF4', color: 'auto' } } : {}),
    });
  }

  table(headers: string[], rows: (string | Paragraph[])[][], widths?: number[]): Table {
    const border = { style: BorderStyle.SINGLE, size: 4, color: 'B7C2CD' };
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows: [
        new TableRow({ tableHeader: true, children: headers.map((h, i) => this.cell(h, true, widths?.[i])) }),
        ...rows.map(
          (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => this.cell(c, false, widths?.[i])) }),
        ),
      ],
    });
  }

  /** A two-column table of labelled fields (the "fiche" layout). */
  fields(rows: [string, string | Paragraph[]][]): Table {
    const border = { style: BorderStyle.SINGLE, size: 4, color: 'B7C2CD' };
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows: rows.map(
        ([label, value]) =>
          new TableRow({ cantSplit: true, children: [this.cell(label, true, 32), this.cell(value, false, 68)] }),
      ),
    });
  }

  lines(items: readonly string[]): Paragraph[] {
    return items.map((i) => this.p(`• ${i}`));
  }

  contact(c: ContactView | null): string {
    if (!c) return this.t('notStated');
    return [c.name, c.role && `(${c.role})`, c.email, c.phone, c.address].filter(Boolean).join(' · ');
  }

  cover(m: CommonModel): Block[] {
    const o = m.organisation;
    const meta: [string, string][] = [
      [this.t('organisation'), o.name],
      ...(o.registrationId ? ([[this.t('registration'), o.registrationId]] as [string, string][]) : []),
      [this.t('address'), `${o.address ?? this.t('notStated')} — ${o.countryName}`],
      ...(o.contact ? ([[this.t('contact'), this.contact(o.contact)]] as [string, string][]) : []),
      [this.t('dpo'), this.contact(o.dpo)],
      ...(o.representative
        ? ([
            [
              this.t('representative'),
              [o.representative.name, o.representative.contact && this.contact(o.representative.contact)]
                .filter(Boolean)
                .join(' — '),
            ],
          ] as [string, string][])
        : []),
      ...(m.client ? ([[this.t('client'), m.client]] as [string, string][]) : []),
      [this.t('asOf'), formatDate(m.asOf, this.t('locale'))],
      [this.t('generated'), formatDate(m.generatedOn, this.t('locale'))],
    ];
    return [
      new Paragraph({ heading: HeadingLevel.TITLE, children: this.runs(m.title) }),
      new Paragraph({ spacing: { after: 400 }, children: this.runs(m.subtitle, { color: '4A5A6A', size: 24 }) }),
      ...meta.map(
        ([label, value]) =>
          new Paragraph({
            spacing: { after: 120 },
            children: [...this.runs(`${label.toUpperCase()}  `, { color: '4A5A6A', size: 16 }), ...this.runs(value)],
          }),
      ),
    ];
  }

  measures(list: readonly MeasureView[]): Block {
    if (!list.length) return this.empty();
    return this.table(
      [this.t('category'), this.t('securityMeasures'), this.t('data')],
      list.map((m) => [m.category ?? '', m.title, m.description ?? '']),
      [22, 28, 50],
    );
  }

  certificates(list: readonly CertificateView[]): Block {
    if (!list.length) return this.p(this.t('none'), { muted: true });
    return this.table(
      [this.t('subcontractors'), this.t('certificates'), this.t('validity'), this.t('scope')],
      list.map((c) => [
        c.holder,
        [
          this.p(c.kind),
          ...(c.edition ? [this.p(c.edition, { muted: true })] : []),
          ...(c.number ? [this.p(`${this.t('number')} ${c.number}`)] : []),
          ...(c.issuer ? [this.p(c.issuer, { muted: true })] : []),
        ],
        [
          c.validFrom ? `${this.t('validFrom')} ${c.validFrom} ` : '',
          c.validTo ? `${this.t('validTo')} ${c.validTo}` : this.t('notStated'),
        ].join(''),
        [...this.lines(c.hdsActivities), ...(c.scope ? [this.p(c.scope, { muted: true })] : [])],
      ]),
      [18, 20, 22, 40],
    );
  }

  subcontractors(list: readonly SubcontractorView[]): Block {
    if (!list.length) return this.p(this.t('none'), { muted: true });
    return this.table(
      [this.t('subcontractors'), this.t('services'), this.t('location'), this.t('safeguard')],
      list.map((s) => [
        [
          this.p(s.name, { bold: true }),
          ...(s.via ? [this.p(`↳ ${s.via}`, { muted: true })] : []),
          ...(s.legalName ? [this.p(s.legalName, { muted: true })] : []),
        ],
        [
          this.p(s.services.join(' ; ')),
          ...(s.hdsActivities.length ? [this.p(`HDS : ${s.hdsActivities.join(', ')}`, { muted: true })] : []),
        ],
        s.locations ?? this.t('notStated'),
        [
          this.p(s.safeguard ?? '—'),
          ...(s.guarantees.length ? [this.p(s.guarantees.join(' ; '), { muted: true })] : []),
        ],
      ]),
      [17, 38, 14, 31],
    );
  }

  transfers(list: readonly TransferView[]): Block {
    if (!list.length) return this.p(this.t('noTransfer'), { muted: true });
    return this.table(
      [this.t('subcontractors'), this.t('country'), this.t('safeguard')],
      list.map((x) => [x.recipient, x.country, x.safeguard ?? this.t('notStated')]),
      [30, 25, 45],
    );
  }

  processorTerms(terms: ProcessorTermsView): Table {
    return this.fields([
      [
        this.t('breachNotice'),
        terms.breachNoticeHours !== null ? `${terms.breachNoticeHours} ${this.t('hours')}` : this.t('notStated'),
      ],
      [
        this.t('objectionWindow'),
        terms.objectionWindowDays !== null ? `${terms.objectionWindowDays} ${this.t('days')}` : this.t('notStated'),
      ],
      [this.t('authorisation'), terms.authorisation ?? this.t('notStated')],
    ]);
  }

  treatmentSheet(t: TreatmentView): Block[] {
    const rows: [string, string | Paragraph[]][] = [
      [this.t('reference'), `${t.key} — ${t.statusLabel} — ${t.roleLabel}`],
    ];
    if (t.description) rows.push([this.t('treatment'), t.description]);
    if (t.controllers.length)
      rows.push([
        this.t('controllers'),
        this.lines(t.controllers.map((c) => (c.description ? `${c.name} — ${c.description}` : c.name))),
      ]);
    if (t.jointControllers.length)
      rows.push([this.t('jointControllers'), this.lines(t.jointControllers.map((c) => c.name))]);
    rows.push([t.purposesLabel, t.purposes.length ? this.lines(t.purposes) : [this.empty()]]);
    if (t.showLegalBasis) {
      rows.push([
        this.t('legalBasis'),
        [
          ...(t.legalBasis.length ? t.legalBasis.map((b) => this.p(b)) : [this.empty()]),
          ...(t.legalBasisDetails ? [this.p(t.legalBasisDetails, { muted: true })] : []),
        ],
      ]);
      if (t.hasSpecialData)
        rows.push([
          this.t('article9'),
          t.article9.length ? t.article9.map((a) => `9(2)(${a})`).join(' ') : [this.empty()],
        ]);
    }
    rows.push([this.t('dataSubjects'), t.dataSubjects.length ? this.lines(t.dataSubjects) : [this.empty()]]);
    if (t.retention) rows.push([this.t('retentionGeneral'), t.retention]);
    const flags = (c: TreatmentView['dataCategories'][number]) =>
      [c.health && this.t('health'), c.nir && this.t('nir'), c.article9 && this.t('sensitive')]
        .filter(Boolean)
        .join(', ');
    return [
      this.heading(t.name, 2, true),
      this.fields(rows),
      this.heading(this.t('dataCategories'), 3),
      t.dataCategories.length
        ? this.table(
            [this.t('category'), this.t('data'), this.t('retention')],
            t.dataCategories.map((c) => [
              flags(c) ? `${c.categoryLabel} [${flags(c)}]` : c.categoryLabel,
              c.label,
              c.retention ?? '—',
            ]),
            [26, 50, 24],
          )
        : this.empty(),
      this.heading(this.t('recipients'), 3),
      ...(t.recipients.length
        ? this.lines(t.recipients.map((r) => `${r.kind} — ${r.name}${r.country ? ` (${r.country})` : ''}`))
        : [this.p(this.t('none'), { muted: true })]),
      this.heading(this.t('subcontractors'), 3),
      this.subcontractors(t.subcontractors),
      this.heading(this.t('transfers'), 3),
      this.transfers(t.transfers),
      ...(t.securityMeasures.length
        ? [this.heading(this.t('specificMeasures'), 3), this.measures(t.securityMeasures)]
        : []),
      ...(t.source ? [this.p(`${this.t('source')} : ${t.source}`, { muted: true })] : []),
    ];
  }

  fingerprint(m: CommonModel): Block[] {
    return [
      new Paragraph({
        spacing: { before: 400 },
        children: this.runs(this.t('fingerprint').toUpperCase(), { color: '4A5A6A', size: 16 }),
      }),
      new Paragraph({ children: [new TextRun({ text: m.fingerprint, font: 'DejaVu Sans Mono', size: 16 })] }),
      this.p(this.t('fingerprintNote'), { muted: true }),
    ];
  }
}

function body(kind: DocumentKind, model: CommonModel, w: Writer): Block[] {
  switch (kind) {
    case 'register-controller': {
      const m = model as ControllerModel;
      return [
        ...w.cover(m),
        w.heading(w.t('contents'), 1, true),
        ...w.lines([
          ...m.treatments.map((t) => `${t.name} (${t.statusLabel})`),
          w.t('generalMeasures'),
          w.t('certificates'),
        ]),
        w.heading(w.t('summary'), 1),
        w.table(
          [w.t('treatment'), w.t('purposes'), w.t('dataCategories'), w.t('subcontractors'), w.t('transfers')],
          m.treatments.map((t) => [
            [w.p(t.name, { bold: true }), w.p(t.statusLabel, { muted: true })],
            t.purposes.join(' ; '),
            t.categoryLabels.join(' ; '),
            t.subcontractors.map((s) => s.name).join(', '),
            t.transfers.length ? w.t('yes') : w.t('no'),
          ]),
          [24, 26, 22, 18, 10],
        ),
        ...m.treatments.flatMap((t) => w.treatmentSheet(t)),
        w.heading(w.t('generalMeasures'), 1, true),
        w.measures(m.measures),
        w.heading(w.t('certificates'), 1, true),
        w.certificates(m.certificates),
        ...w.fingerprint(m),
      ];
    }
    case 'register-processor': {
      const m = model as ProcessorModel;
      return [
        ...w.cover(m),
        w.heading(w.t('contents'), 1, true),
        ...w.lines([
          ...m.controllers.map((c) => `${c.name} (${c.treatments.length})`),
          w.t('generalMeasures'),
          w.t('certificates'),
        ]),
        ...(m.processorTerms ? [w.heading(w.t('processorTerms'), 1), w.processorTerms(m.processorTerms)] : []),
        ...m.controllers.flatMap((c): Block[] => [
          w.heading(`${w.t('client')} : ${c.name}`, 1, true),
          ...(c.description ? [w.p(c.description, { muted: true })] : []),
          w.heading(w.t('categoriesOfProcessing'), 2),
          w.table(
            [w.t('treatment'), w.t('purposes'), w.t('dataCategories')],
            c.treatments.map((t) => [
              [w.p(t.name, { bold: true }), w.p(t.statusLabel, { muted: true })],
              t.purposes.join(' ; '),
              t.categoryLabels.join(' ; '),
            ]),
            [26, 50, 24],
          ),
          w.heading(w.t('subcontractors'), 2),
          w.subcontractors(c.subcontractors),
          w.heading(w.t('transfers'), 2),
          w.transfers(c.transfers),
        ]),
        w.heading(w.t('generalMeasures'), 1, true),
        w.measures(m.measures),
        w.heading(w.t('certificates'), 1, true),
        w.certificates(m.certificates),
        ...w.fingerprint(m),
      ];
    }
    case 'dpa-annex': {
      const m = model as AnnexModel;
      return [
        ...w.cover(m),
        w.heading(w.t('processingDescription'), 1, true),
        ...m.treatments.flatMap((t): Block[] => [
          w.heading(`${t.name} (${t.statusLabel})`, 2),
          w.fields([
            [w.t('purposes'), t.purposes.length ? w.lines(t.purposes) : [w.empty()]],
            [w.t('dataSubjects'), t.dataSubjects.join(' ; ')],
            [
              w.t('dataCategories'),
              t.dataCategories
                .map((c) => `${c.label}${c.nir ? ` [${w.t('nir')}]` : ''}${c.health ? ` [${w.t('health')}]` : ''}`)
                .join(' ; '),
            ],
            [w.t('retention'), t.retention ?? '—'],
          ]),
        ]),
        ...(m.processorTerms ? [w.heading(w.t('processorTerms'), 2), w.processorTerms(m.processorTerms)] : []),
        w.heading(w.t('authorisedSubprocessors'), 1, true),
        w.subcontractors(m.subcontractors),
        w.heading(w.t('hdsAnnex'), 1, true),
        w.certificates(m.certificates),
        w.heading(w.t('measuresAnnex'), 1, true),
        w.measures(m.measures),
        ...w.fingerprint(m),
      ];
    }
    default:
      throw new Error(`no Word layout for ${kind}`);
  }
}

/** Renders a document's view model (the one the PDF template reads) as a DOCX file. */
export async function renderDocx(kind: DocumentKind, model: Record<string, unknown>, labels: Labels): Promise<Buffer> {
  const m = model as unknown as CommonModel;
  const w = new Writer(labels);
  const doc = new Document({
    creator: 'Registre',
    title: `${m.title} — ${m.organisation.name}`,
    description: `${m.subtitle} (${labels.fingerprint ?? 'fingerprint'} ${m.fingerprint})`,
    styles: {
      default: { document: { run: { font: 'DejaVu Sans', size: 19, color: '1D2733' } } },
      paragraphStyles: [
        {
          id: 'Title',
          name: 'Title',
          basedOn: 'Normal',
          run: { size: 44, bold: true, color: '12355B' },
          paragraph: { spacing: { before: 1200, after: 200 } },
        },
        heading(1, 28, 320, 160),
        heading(2, 24, 240, 120),
        heading(3, 21, 200, 80),
      ],
    },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({ children: w.runs(`${m.title} — ${m.organisation.name}`, { size: 14, color: '6B7785' }) }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    size: 14,
                    color: '6B7785',
                    children: [
                      `${labels.generated} ${formatDate(m.generatedOn, labels.locale)} — ${labels.page} `,
                      PageNumber.CURRENT,
                      ` / `,
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children: body(kind, m, w),
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** A heading style of the documents' hierarchy: size in half-points, spacing in twentieths of a point. */
function heading(level: number, size: number, before: number, after: number) {
  return {
    id: `Heading${level}`,
    name: `Heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    run: { size, bold: true, color: '12355B' },
    paragraph: { spacing: { before, after } },
  };
}
