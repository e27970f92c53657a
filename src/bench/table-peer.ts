/*
 * The register table (one treatment per line, 14 columns) beside its peer: the same rows in a
 * spreadsheet, printed to PDF by LibreOffice (`soffice --convert-to pdf`, installed by the set-up), as
 * a DPO keeping the register in a spreadsheet would print it. Printed by `npm run bench`, never asserted.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { DocumentsService } from '../documents/documents.service';
import { PdfRenderer } from '../documents/pdf-renderer';
import { Templates } from '../documents/templates';
import { documentModel } from '../documents/view-models';
import { SnapshotService } from '../snapshot/snapshot.service';
import { writeWorkbook } from '../spreadsheets/writers';

export interface TablePeerFigures {
  rows: number;
  columns: number;
  registreMs: number;
  registrePages: number;
  peerMs: number;
  peerPages: number;
}

const AS_OF = '2026-06-01';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The view model's rows as the 14 cells the table prints, in its order and wording. */
type Row = ReturnType<typeof tableRows>[number];
function tableRows(model: Record<string, unknown>) {
  return model.treatments as {
    key: string;
    name: string;
    statusLabel: string;
    roleLabel: string;
    purposes: string[];
    showLegalBasis: boolean;
    legalBasis: string[];
    dataSubjects: string[];
    categoryLabels: string[];
    special: string[];
    recipients: { name: string }[];
    subcontractorNames: string[];
    transferLines: string[];
    retentions: string[];
    measureTitles: string[];
    dpia: { status: string | null } | null;
  }[];
}

function cells(t: Row, labels: Record<string, string>): string[] {
  const list = (xs: readonly string[], empty = labels.notStated) => (xs.length ? xs.join(' ; ') : empty);
  return [
    t.key,
    `${t.name}\n${t.statusLabel}`,
    t.roleLabel,
    list(t.purposes),
    t.showLegalBasis ? list(t.legalBasis) : '—',
    list(t.dataSubjects),
    list(t.categoryLabels),
    t.special.length ? t.special.join(', ') : labels.no,
    list(
      t.recipients.map((r) => r.name),
      labels.none,
    ),
    t.subcontractorNames.length ? t.subcontractorNames.join(', ') : labels.none,
    t.transferLines.length ? t.transferLines.join('\n') : labels.no,
    list(t.retentions),
    list(t.measureTitles, labels.generalMeasuresOnly),
    t.dpia ? (t.dpia.status ?? labels.notStated) : '—',
  ];
}

const HEADERS = [
  'reference',
  'treatment',
  'role',
  'purposes',
  'legalBasis',
  'dataSubjects',
  'dataCategories',
  'specialData',
  'recipients',
  'subcontractors',
  'transfersShort',
  'retention',
  'securityMeasures',
  'dpia',
];

/** `soffice --convert-to pdf` of `file` into `dir`, with its own user profile; throws when no PDF comes out. */
function librePdf(file: string, dir: string, profile: string): string {
  const result = spawnSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const out = join(dir, `${file.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}.pdf`);
  if (result.status !== 0 || !existsSync(out)) throw new Error(`soffice failed (${result.status}): ${result.stderr}`);
  return out;
}

const pageCount = async (pdf: Buffer) => (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();

/**
 * Registre: the register table through the whole pipeline (snapshot, view model, Handlebars, Chromium
 * in chunks; warm browser, no cache). Peer: LibreOffice printing a spreadsheet of the same 14 columns
 * and rows, from its start to its exit (a warm-up conversion first builds its profile). Alternating runs.
 */
export async function measureTablePeer(
  app: INestApplicationContext,
  slug: string,
  runs: number,
): Promise<TablePeerFigures> {
  const documents = app.get(DocumentsService);
  const renderer = app.get(PdfRenderer);
  const labels = new Templates().labels.fr;
  const snapshot = await app.get(SnapshotService).build(slug, AS_OF);
  const model = documentModel({
    kind: 'register-table',
    snapshot,
    lang: 'fr',
    labels,
    generatedOn: AS_OF,
    fingerprint: '',
  });
  const rows = tableRows(model).map((t) => cells(t, labels));
  const dir = mkdtempSync(join(tmpdir(), 'registre-table-peer-'));
  try {
    const sheet = (data: string[][]) =>
      writeWorkbook(
        {
          title: labels['doc.register-table'],
          created: new Date(`${AS_OF}T00:00:00Z`),
          sheets: [
            {
              name: labels.registerTable,
              plain: true,
              columns: HEADERS.map((h) => ({ header: labels[h] ?? h, width: 18, kind: 'text' as const })),
              rows: data,
            },
          ],
        },
        'ods',
      );
    const profile = join(dir, 'profile');
    writeFileSync(join(dir, 'warm.ods'), await sheet(rows.slice(0, 2)));
    librePdf(join(dir, 'warm.ods'), dir, profile);
    const file = join(dir, 'table.ods');
    writeFileSync(file, await sheet(rows));
    await renderer.pdf('<p>warm</p>');
    const request = { kind: 'register-table' as const, slug, asOf: AS_OF };
    const registre: number[] = [];
    const peer: number[] = [];
    let registrePages = 0;
    let peerPages = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const doc = await documents.html(request);
      const pdf = await renderer.pdf(doc.html, { pageLabel: 'Page' });
      registre.push(performance.now() - t);
      registrePages = await pageCount(pdf);
      t = performance.now();
      const out = librePdf(file, dir, profile);
      peer.push(performance.now() - t);
      peerPages = await pageCount(readFileSync(out));
    }
    return {
      rows: rows.length,
      columns: HEADERS.length,
      registreMs: median(registre),
      registrePages,
      peerMs: median(peer),
      peerPages,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
