import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { BundleDto } from '../bundles/bundle.dto';
import { computePlan } from '../bundles/import-plan';
import { canonicalJson } from '../common/canonical-json';
import { CreateOrganisationDto } from '../organisations/organisation.dto';
import { BUNDLED_KINDS } from '../records/record-kinds';
import { SCC_MODULES } from '../reference/vocabulary';
import { codeFromLabel, codeLabel, composedSheetName, findCodeLabel, findLabel, sheetName } from './labels';
import { readTable } from './read';
import { readRegistreWorkbook, registreWorkbook } from './registre-workbook';
import { workbookSpecs } from './schema';
import { writeWorkbook } from './writers';
import { checkZip, readZipEntry } from './zip';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const seed = (slug: string) => JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as BundleDto;
const options = { generatedOn: '2026-06-01', created: new Date('2026-06-01T00:00:00Z') };

/** Every record path a DTO accepts (what `forbidNonWhitelisted` lets through), lists marked `[]`. */
function dtoPaths(cls: new () => object, prefix = ''): string[] {
  const proto = cls.prototype as object;
  const props = new Set([
    ...((Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, proto) as string[] | undefined) ?? []).map((p) =>
      p.slice(1),
    ),
    ...getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  ]);
  const out: string[] = [];
  for (const prop of props) {
    const meta = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, proto, prop) as { type?: unknown } | undefined;
    let type = meta?.type;
    if (typeof type === 'function' && !(type as { prototype?: unknown }).prototype) type = (type as () => unknown)();
    const item = Array.isArray(type) ? (type[0] as unknown) : type;
    const nested = typeof item === 'function' && ![String, Number, Boolean, Object, Array].includes(item as never);
    const path = prefix ? `${prefix}.${prop}` : prop;
    if (nested) out.push(...dtoPaths(item as new () => object, Array.isArray(type) ? `${path}[]` : path));
    else out.push(path);
  }
  return out;
}

function sorted(bundle: BundleDto): Record<string, unknown> {
  const out: Record<string, unknown> = { organisation: bundle.organisation };
  for (const k of BUNDLED_KINDS) {
    const list = ((bundle as unknown as Record<string, { key: string }[] | undefined>)[k.collection] ?? []).slice();
    out[k.collection] = list.sort((a, b) => (a.key < b.key ? -1 : 1));
  }
  return out;
}

async function roundTrip(bundle: BundleDto, format: 'ods' | 'xlsx', lang: 'fr' | 'en') {
  const file = await writeWorkbook(registreWorkbook(bundle, { ...options, lang }), format);
  const read = readRegistreWorkbook(readTable(file));
  const { plan, merged } = computePlan(undefined, read.incoming, { slug: bundle.organisation.slug });
  return { file, read, plan, merged };
}

/** Every value kind, strings that look like formulas, several lines, spaces to keep, each kind of record. */
function fullBundle(): BundleDto {
  const base = seed('levy-nadlan');
  return {
    ...base,
    organisation: {
      ...base.organisation,
      description: '=HYPERLINK("http://evil.example","cliquez")',
      settings: { expiryHorizonDays: 60, alertThresholdDays: [30, 7] },
      processorTerms: {
        breachNoticeHours: 24,
        deadlines: [{ kind: 'data-return', description: '+ 30 jours', period: { value: 30, unit: 'calendar-days' } }],
      },
    },
    subcontractors: [
      ...(base.subcontractors ?? []),
      {
        key: 'zz-test',
        name: '@SUM(A1:A9)',
        description: '  deux espaces  devant\tet une tabulation\nseconde ligne',
        contact: { phone: '+33 1 23 45 67 89' },
        dpfCertified: false,
      },
    ],
    subprocessorChanges: [
      {
        key: 'ch-1',
        engagement: base.engagements?.[0]?.key ?? '',
        subprocessor: 'zz-test',
        kind: 'relocation',
        noticeReceivedAt: '2026-03-02T10:00:00+01:00',
        plannedEffectiveOn: '2026-04-01',
        objection: { at: '2026-03-10T09:00:00+01:00', reason: '-- refus' },
      },
    ],
    breaches: [
      {
        key: 'b-1',
        title: 'Perte d’un portable',
        riskLevel: 'high',
        discoveredBy: 'zz-test',
        organisationAwareAt: '2026-05-01T19:00:00+02:00',
        providerAwareness: [{ subcontractor: 'zz-test', at: '2026-05-01T18:00:00+02:00' }],
        notifications: [{ from: 'organisation', to: 'cnil', at: '2026-05-03T10:00:00+02:00', phase: 'initial' }],
        treatments: (base.treatments ?? []).map((t) => t.key),
        approxSubjects: 1200,
        measures: ['Révocation des accès', 'Plainte'],
      },
    ],
    waivers: [{ key: 'w-1', findingId: 'dpa.missing:engagement:x', reason: 'Accepté', until: '2027-03-31' }],
  };
}

describe("Registre's workbook", () => {
  it('has a column or a sheet for every field every DTO accepts', () => {
    const specs = workbookSpecs();
    const covered = (collection: string) =>
      new Set(specs.filter((s) => s.collection === collection).flatMap((s) => s.fields.map((f) => f.recordPath)));
    for (const path of dtoPaths(CreateOrganisationDto)) {
      if (path === 'slug') continue;
      expect({ path, found: covered('organisation').has(path) }).toEqual({ path, found: true });
    }
    for (const k of BUNDLED_KINDS) {
      for (const path of dtoPaths(k.store.createDto)) {
        expect({ collection: k.collection, path, found: covered(k.collection).has(path) }).toEqual({
          collection: k.collection,
          path,
          found: true,
        });
      }
    }
  });

  it('labels every code of every drop-down in both languages, one label per code', () => {
    for (const spec of workbookSpecs()) {
      for (const f of spec.fields.filter((x) => x.kind === 'enum')) {
        for (const lang of ['fr', 'en'] as const) {
          const labels = (f.values ?? []).map((v) => codeLabel(f.values ?? [], v, lang));
          expect(new Set(labels).size).toBe(labels.length);
          for (const v of f.values ?? [])
            expect(codeFromLabel(f.values ?? [], codeLabel(f.values ?? [], v, lang))).toBe(v);
        }
      }
    }
  });

  it('names every column from the label table, in French and in English (no name made from a property)', () => {
    for (const spec of workbookSpecs()) {
      const base = spec.listPath.length ? [spec.listPath[spec.listPath.length - 1]] : [];
      for (const f of spec.fields) {
        const full = [...base, ...f.path];
        for (let i = base.length; i < full.length; i++) {
          const property = `${spec.collection}:${full.slice(0, i + 1).join('.')}`;
          expect({ property, labelled: findLabel(spec.collection, full, i) !== undefined }).toEqual({
            property,
            labelled: true,
          });
        }
      }
    }
  });

  it('labels every code of every drop-down in the tables, except the SCC modules (C2C… are their names)', () => {
    for (const spec of workbookSpecs()) {
      for (const f of spec.fields.filter((x) => x.kind === 'enum' && x.values !== SCC_MODULES)) {
        for (const code of f.values ?? []) {
          const where = `${spec.id}:${f.recordPath}=${code}`;
          expect({ where, labelled: findCodeLabel(f.values ?? [], code) !== undefined }).toEqual({
            where,
            labelled: true,
          });
        }
      }
    }
  });

  it('French first: the DPIA, the TIA and the weeks are named in French', async () => {
    const book = registreWorkbook(fullBundle(), { ...options, lang: 'fr' });
    const headers = book.sheets.flatMap((s) => s.columns.map((c) => c.header));
    expect(headers).toEqual(
      expect.arrayContaining(['AIPD — statut', 'AIPD — critères WP248', 'AITD — conclusion', 'Entité certifiée']),
    );
    expect(headers.filter((h) => /\b(Dpia|Tia|Kind|Details|Countries|Listed on|Removed on)\b/.test(h))).toEqual([]);
    const lists = book.sheets.find((s) => s.name === 'Listes');
    const column = (header: string) => {
      const i = lists?.columns.findIndex((c) => c.header === header) ?? -1;
      return (lists?.rows ?? []).map((r) => r[i]).filter(Boolean);
    };
    expect(column('AIPD — statut')).toEqual(['Non nécessaire', 'À réaliser', 'Réalisée', 'À réexaminer']);
    expect(column('Délai — unité')).toContain('semaines');
    // Two vocabularies headed "Type" (a claimed guarantee, a transfer safeguard): the second names its sheet.
    expect(column('Type (Garanties de transfert)')).toContain('Clauses contractuelles types 2021/914');
    expect(new Set(lists?.columns.map((c) => c.header)).size).toBe(lists?.columns.length);
    expect(book.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["Garanties de l'organisme", 'Périmètres des prestations', 'Garanties de transfert']),
    );
  });

  it('gives each sheet a name of its own in each language', () => {
    for (const lang of ['fr', 'en'] as const) {
      const names = workbookSpecs().map((s) => sheetName(s, lang));
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('reads a workbook whose sheets bear the names workbooks had before 2026-12-03', async () => {
    const bundle = fullBundle();
    for (const lang of ['fr', 'en'] as const) {
      const table = readTable(await writeWorkbook(registreWorkbook(bundle, { ...options, lang }), 'ods'));
      const renamed = new Map(
        workbookSpecs()
          .filter((s) => s.listPath.length > 0)
          .map((s) => [sheetName(s, lang), composedSheetName(s, lang)]),
      );
      expect(renamed.get(lang === 'fr' ? 'Garanties de transfert' : 'Transfer safeguards')).toBe(
        lang === 'fr' ? 'Engagements — Garanties de tran' : 'Engagements — Transfer safeguar',
      );
      const old = { ...table, sheets: table.sheets.map((s) => ({ ...s, name: renamed.get(s.name) ?? s.name })) };
      const read = readRegistreWorkbook(old);
      expect(read.problems.filter((p) => p.severity !== 'info')).toEqual([]);
      const { merged } = computePlan(undefined, read.incoming, { slug: bundle.organisation.slug });
      expect(canonicalJson(sorted(merged))).toBe(canonicalJson(sorted(bundle)));
    }
  });

  for (const slug of ['desmos', 'omnidoc', 'oci-hds-client', 'levy-nadlan', 'full']) {
    for (const format of ['ods', 'xlsx'] as const) {
      for (const lang of ['fr', 'en'] as const) {
        it(`${slug}: ${format} (${lang}) reads back as the same data, and writes the same workbook again`, async () => {
          const bundle = slug === 'full' ? fullBundle() : seed(slug);
          const { file, read, plan, merged } = await roundTrip(bundle, format, lang);
          expect(read.problems.filter((p) => p.severity !== 'info')).toEqual([]);
          expect(plan.problems).toEqual([]);
          expect(canonicalJson(sorted(merged))).toBe(canonicalJson(sorted(bundle)));
          const again = await roundTrip(merged, format, lang);
          const sheets = (file: Buffer) =>
            readTable(file).sheets.map((s) => [s.name, s.rows.map((r) => r.map((c) => c?.text))]);
          expect(sheets(again.file)).toEqual(sheets(file));
        });
      }
    }
  }

  it('writes a value that starts like a formula as a text cell, never a formula (ODS and XLSX)', async () => {
    const bundle = fullBundle();
    const ods = await writeWorkbook(registreWorkbook(bundle, { ...options, lang: 'fr' }), 'ods');
    const limits = { maxEntries: 100, maxUnzippedBytes: 50 * 1048576 };
    const content = readZipEntry(
      ods,
      checkZip(ods, limits).find((e) => e.name === 'content.xml')!,
      limits,
    ).toString();
    expect(content).not.toContain('table:formula');
    expect(content).toMatch(/office:value-type="string"><text:p>=HYPERLINK\(&quot;http:\/\/evil\.example&quot;/);
    expect(content).toMatch(/office:value-type="string"><text:p>@SUM\(A1:A9\)<\/text:p>/);

    const xlsx = await writeWorkbook(registreWorkbook(bundle, { ...options, lang: 'fr' }), 'xlsx');
    const entries = checkZip(xlsx, limits);
    const sheetsXml = entries
      .filter((e) => e.name.startsWith('xl/worksheets/'))
      .map((e) => readZipEntry(xlsx, e, limits).toString());
    expect(sheetsXml.join('')).not.toMatch(/<f>|<f /);
    const strings = readZipEntry(
      xlsx,
      entries.find((e) => e.name === 'xl/sharedStrings.xml')!,
      limits,
    ).toString();
    expect(strings).toContain('@SUM(A1:A9)');
    // String cells carry the "text" format (49), so editing one in a spreadsheet keeps it text.
    const styles = readZipEntry(
      xlsx,
      entries.find((e) => e.name === 'xl/styles.xml')!,
      limits,
    ).toString();
    expect(styles).toMatch(/numFmtId="49"/);
  });

  it('the empty template has every sheet, a notes row and drop-down lists pointing at the lists sheet', async () => {
    const ods = await writeWorkbook(registreWorkbook(undefined, { ...options, lang: 'fr' }), 'ods');
    const table = readTable(ods);
    const names = table.sheets.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Lisez-moi',
        'Organisation',
        'Traitements',
        'Catégories de données',
        'Sous-traitants',
        'Certificats',
        'Engagements',
        'Utilisations',
        'Changements de sous-traitants',
        'Listes',
      ]),
    );
    const treatments = table.sheets.find((s) => s.name === 'Traitements')!;
    expect(treatments.rows[0].map((c) => c?.text).slice(0, 5)).toEqual([
      'Clé',
      'Nom du traitement',
      'Description',
      "Rôle de l'organisme",
      'Statut',
    ]);
    expect(treatments.rows[1][0]?.text).toMatch(/^Obligatoire\. Identifiant stable/);
    const limits = { maxEntries: 100, maxUnzippedBytes: 50 * 1048576 };
    const content = readZipEntry(
      ods,
      checkZip(ods, limits).find((e) => e.name === 'content.xml')!,
      limits,
    ).toString();
    expect(content).toMatch(/of:cell-content-is-in-list\(\[\$'Listes'\.\$[A-Z]+\$2:\.\$[A-Z]+\$\d+\]\)/);
    const en = readTable(await writeWorkbook(registreWorkbook(undefined, { ...options, lang: 'en' }), 'xlsx'));
    expect(en.sheets.find((s) => s.name === 'Treatments')?.rows[0][1]?.text).toBe('Treatment name');
  });
});
