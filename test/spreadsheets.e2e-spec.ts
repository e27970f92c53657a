import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '../src/common/clock';
import { readTable } from '../src/spreadsheets/read';
import { checkZip, readZipEntry, writeZip } from '../src/spreadsheets/zip';
import { CNIL_TEMPLATE, writeDpoRegister } from './fixtures/dpo-register';
import { cli, libreOfficeConvert, SEED_SLUGS, SEEDS, startApi, TestApi } from './helpers';

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const seed = (slug: string) => JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as Record<string, unknown>;

/** The cells of every sheet, as text: two files say the same when these are equal. */
const grid = (file: Buffer) => readTable(file).sheets.map((s) => [s.name, s.rows.map((r) => r.map((c) => c?.text))]);

const binary = (
  res: { on: (e: string, f: (c?: Buffer) => void) => void },
  done: (e: Error | null, b: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => c && chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Problem {
  severity: string;
  sheet?: string;
  cell?: string;
  column?: string;
  problem: string;
  suggestion?: string;
}

describe('spreadsheets: the CNIL register, Registre’s workbook and LibreOffice', () => {
  let api: TestApi;
  let dir: string;
  // A fixed day: default dates (notice dates, adequacy checks, the workbook's date) never read today.
  const clock = new SettableClock('2026-06-01T08:00:00Z');

  beforeAll(async () => {
    api = await startApi({ clock });
    dir = mkdtempSync(join(tmpdir(), 'registre-sheets-'));
    for (const slug of SEED_SLUGS) await api.http().post('/api/import').send(seed(slug)).expect(201);
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (url: string, file: Buffer, type: string) => api.http().post(url).set('Content-Type', type).send(file);

  describe("a DPO's CNIL register, saved by LibreOffice", () => {
    let ods: Buffer;
    let xlsx: Buffer;

    beforeAll(() => {
      const made = join(dir, 'registre-clinique.xlsx');
      writeDpoRegister(made);
      ods = readFileSync(libreOfficeConvert(made, 'ods', join(dir, 'lo-ods')));
      xlsx = readFileSync(
        libreOfficeConvert(join(dir, 'lo-ods', 'registre-clinique.ods'), 'xlsx', join(dir, 'lo-xlsx')),
      );
    });

    it('previews every fiche found by its layout, whatever its sheet is called, and names each problem by cell', async () => {
      const res = await upload('/api/import?dryRun=true&org=clinique-du-parc&asOf=2026-06-01', ods, ODS).expect(200);
      const plan = res.body as {
        source: { layout: string; sheets: { sheet: string; as: string }[] };
        problems: Problem[];
        records: { key: string; action: string }[];
        summary: { errors: number };
      };
      expect(plan.source.layout).toBe('cnil-register');
      expect(plan.source.sheets.filter((s) => s.as === 'fiche').map((s) => s.sheet)).toEqual([
        'Dossier patient',
        'RH - Recrutement',
      ]);
      expect(plan.records.map((r) => [r.key, r.action])).toEqual([
        ['dpi-01', 'create'],
        ['rh-02', 'create'],
        ['vid-03', 'create'],
      ]);
      const errors = plan.problems.filter((p) => p.severity === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          sheet: 'Dossier patient',
          cell: 'C60',
          problem: expect.stringMatching(/ISO 3166-1 alpha-2.*"UK": did you mean GB/),
        }),
      ]);
      const warnings = plan.problems
        .filter((p) => p.severity === 'warning')
        .map((p) => `${p.sheet ?? ''}!${p.cell ?? p.column ?? ''} ${p.problem}`);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Dossier patient!D59 .*United States.*Data Privacy Framework/),
          expect.stringMatching(/^Dossier patient!D61 .*Privacy Shield is no transfer safeguard/),
          expect.stringMatching(/^RH - Recrutement!B11 this fiche names another DPO \(Paul LEROY\)/),
          expect.stringMatching(/"Vidéoprotection" has no fiche/),
        ]),
      );
      // Nothing written by a preview.
      await api.http().get('/api/organisations/clinique-du-parc').expect(404);
      // Writing is refused while an error stays, with the same located message.
      const refused = await upload('/api/import?org=clinique-du-parc&asOf=2026-06-01', ods, ODS).expect(400);
      expect(refused.body.details).toEqual([
        expect.objectContaining({
          field: 'Dossier patient!C60',
          problem: expect.stringMatching(/^column Pays: .*"UK": did you mean GB/),
        }),
      ]);
      await api.http().get('/api/organisations/clinique-du-parc').expect(404);
    });

    it('reads the XLSX LibreOffice saves from it exactly as the ODS', async () => {
      const a = await upload('/api/import?dryRun=true&org=clinique-du-parc&asOf=2026-06-01', ods, ODS).expect(200);
      const b = await upload('/api/import?dryRun=true&org=clinique-du-parc&asOf=2026-06-01', xlsx, XLSX_TYPE).expect(
        200,
      );
      expect(b.body.source.format).toBe('xlsx');
      expect(b.body.fingerprint).toBe(a.body.fingerprint);
    });

    it('lands with nothing lost once fixed; importing it again changes nothing', async () => {
      const made = join(dir, 'registre-corrige.xlsx');
      writeDpoRegister(made, { supportCountry: 'Royaume-Uni' });
      const fixed = readFileSync(libreOfficeConvert(made, 'ods', join(dir, 'lo-fixed')));
      const preview = await upload('/api/import?dryRun=true&org=clinique-du-parc&asOf=2026-06-01', fixed, ODS).expect(
        200,
      );
      expect(preview.body.summary).toMatchObject({ create: 3, errors: 0 });
      const written = await upload(
        `/api/import?org=clinique-du-parc&asOf=2026-06-01&expect=${preview.body.fingerprint}`,
        fixed,
        ODS,
      ).expect(201);
      expect(written.body.applied).toBe(true);

      const bundle = (await api.http().get('/api/organisations/clinique-du-parc/export').expect(200)).body;
      expect(bundle.organisation).toMatchObject({
        name: 'Clinique du parc',
        country: 'FR',
        contact: {
          name: 'Claire BERNARD',
          email: 'direction@clinique-du-parc.fr',
          phone: '04 72 00 00 00',
          address: '12 avenue des Tilleuls, 69003 Lyon',
        },
        dpo: { name: 'Julien MOREAU', role: 'DPO externe — DPO Conseil SAS', email: 'dpo@dpo-conseil.fr' },
      });
      const dpi = bundle.treatments.find((t: { key: string }) => t.key === 'dpi-01');
      expect(dpi).toMatchObject({
        name: 'Dossier patient informatisé',
        purposes: ['Prise en charge médicale des patients', 'Tenue du dossier médical', 'Facturation des actes'],
        jointControllers: [{ name: 'GCS e-santé Rhône', country: 'FR', contact: { address: 'Lyon' } }],
        dataSubjects: ['Patients', 'Salariés — Personnels soignants'],
        recipients: [
          { kind: 'internal', name: 'Équipes soignantes' },
          { kind: 'processor', name: 'Hébergeur HDS' },
          { kind: 'third-country', name: 'Éditeur du logiciel de télésurveillance' },
        ],
        securityMeasures: [
          { title: "Contrôle d'accès des utilisateurs", description: 'Carte CPS' },
          { title: 'Mesures de traçabilité' },
          { title: 'Chiffrement des données', description: 'AES-256 au repos' },
        ],
      });
      expect(dpi.dataCategories).toEqual([
        {
          category: 'identity',
          label: 'Nom, prénom, date de naissance, INS',
          retention: '20 ans à compter du dernier passage',
          retentionPeriod: { value: 20, unit: 'years' },
        },
        {
          category: 'economic-financial',
          label: 'Mutuelle, coordonnées bancaires',
          retention: '10 ans',
          retentionPeriod: { value: 10, unit: 'years' },
        },
        {
          category: 'nir',
          label: 'NIR du patient',
          nir: true,
          retention: '20 ans à compter du dernier passage',
          retentionPeriod: { value: 20, unit: 'years' },
        },
        // Two durations in one text: kept as text only.
        {
          category: 'health',
          label: 'Diagnostics, comptes rendus, imagerie',
          health: true,
          article9: true,
          retention: '20 ans à compter du dernier passage, ou 10 ans après le décès',
        },
      ]);
      expect(dpi.transfers).toEqual([
        {
          recipient: 'TéléSuivi Inc.',
          country: 'US',
          safeguard: { kind: 'adequacy', details: 'Pays adéquat — https://telesuivi.example/dpa' },
        },
        {
          recipient: 'Support Ltd',
          country: 'GB',
          safeguard: { kind: 'scc-unspecified', details: 'Clauses contractuelles types (CCT) — Contrat du 12/01/2024' },
        },
        { recipient: 'Analytics Co', country: 'JP', safeguard: { kind: 'none', details: 'Privacy shield' } },
      ]);
      expect(dpi.notes).toBe('N° / RÉF : DPI-01\nfiche créée le 2021-03-15, mise à jour le 2025-02-02 (registre CNIL)');
      const hr = bundle.treatments.find((t: { key: string }) => t.key === 'rh-02');
      expect(hr.purposes).toEqual([
        'Recrutement des personnels',
        'Gestion des candidatures',
        'Constitution d’un vivier de candidats',
      ]);
      expect(hr.dataCategories).toContainEqual({
        category: 'professional-life',
        label: 'Diplômes, expériences',
        retention: 'deux ans',
        retentionPeriod: { value: 2, unit: 'years' },
      });
      expect(hr.notes).toMatch(/DPO de cette fiche : Paul LEROY, paul\.leroy@clinique-du-parc\.fr/);
      expect(bundle.treatments.find((t: { key: string }) => t.key === 'vid-03')).toMatchObject({
        name: 'Vidéoprotection',
        purposes: ["Sécurité des biens et des personnes dans l'enceinte de la clinique"],
      });

      // Adequacy was never taken from the template: the "adequate" US transfer is a finding.
      const findings = (
        await api.http().get('/api/organisations/clinique-du-parc/findings?asOf=2026-06-01').expect(200)
      ).body.findings as { ruleId: string; evidence: { country?: string } }[];
      expect(findings.some((f) => f.ruleId === 'transfer.safeguard-missing' && f.evidence.country === 'US')).toBe(true);

      const again = await upload('/api/import?dryRun=true&org=clinique-du-parc&asOf=2026-06-01', fixed, ODS).expect(
        200,
      );
      expect(again.body.summary).toMatchObject({ create: 0, change: 0, unchanged: 3 });
      expect(again.body.organisation.action).toBe('unchanged');
    });

    it('imports the CNIL’s own example fiche only when asked', async () => {
      const template = readFileSync(CNIL_TEMPLATE);
      const skipped = await upload('/api/import?dryRun=true&org=exemple-cnil', template, ODS).expect(200);
      expect(skipped.body.records).toEqual([]);
      const asked = await upload('/api/import?dryRun=true&org=exemple-cnil&includeExample=true', template, ODS).expect(
        200,
      );
      expect(asked.body.records).toEqual([
        expect.objectContaining({ collection: 'treatments', key: '1-exemple', action: 'create' }),
      ]);
    });

    it('lands the shared template’s example fiche, filled, from the XLSX LibreOffice saves it as', async () => {
      const xlsxTemplate = readFileSync(libreOfficeConvert(CNIL_TEMPLATE, 'xlsx', join(dir, 'lo-cnil')));
      const q = 'org=exemple-cnil&includeExample=true&asOf=2026-06-01';
      const plan = await upload(`/api/import?dryRun=true&${q}`, xlsxTemplate, XLSX_TYPE).expect(200);
      expect(plan.body.source).toMatchObject({ format: 'xlsx', layout: 'cnil-register' });
      expect(plan.body.summary).toMatchObject({ create: 1, errors: 0 });
      await upload(`/api/import?${q}&expect=${plan.body.fingerprint}`, xlsxTemplate, XLSX_TYPE).expect(201);
      const org = (await api.http().get('/api/organisations/exemple-cnil').expect(200)).body;
      expect(org).toMatchObject({ country: 'FR', dpo: { name: 'Martin HENRI', email: 'exemple2@ets.com' } });
      const payroll = (await api.http().get('/api/organisations/exemple-cnil/treatments/1-exemple').expect(200)).body;
      expect(payroll).toMatchObject({
        name: 'Gestion de la paie',
        role: 'controller',
        dataSubjects: ['Salariés'],
        transfers: [{ recipient: "Banque d'Andorre", country: 'AD', safeguard: { kind: 'scc-unspecified' } }],
      });
      expect(payroll.dataCategories[0]).toEqual({
        category: 'identity',
        label: 'Noms, prénoms, adresses',
        retention: '5 ans à compter du versement de la paie',
        retentionPeriod: { value: 5, unit: 'years' },
      });
    });
  });

  describe("Registre's workbook", () => {
    it('downloads empty (template) with drop-down lists, in French or English', async () => {
      const ods = await api.http().get('/api/workbook/template.ods').buffer(true).parse(binary).expect(200);
      expect(ods.headers['content-type']).toBe(ODS);
      const sheets = readTable(ods.body as Buffer).sheets;
      expect(sheets[0].name).toBe('Lisez-moi');
      // A header row, then the notes row saying what each column expects; nothing else.
      const sheet = sheets.find((s) => s.name === 'Traitements');
      expect(sheet?.rows.length).toBe(2);
      const note = (header: string) => sheet?.rows[1][sheet.rows[0].findIndex((c) => c?.text === header)]?.text;
      expect(note('Clé')).toMatch(/^Obligatoire\./);
      expect(note("Rôle de l'organisme")).toMatch(/Choisir dans la liste/);
      // French throughout, the legal-depth fields included (they were once headed by property names).
      expect(sheet?.rows[0].map((c) => c?.text)).toEqual(
        expect.arrayContaining(['AIPD — statut', 'AIPD — critères WP248', 'Dossier patient (CSP R.1112-2)']),
      );
      expect(sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Garanties de transfert']));
      const subs = sheets.find((s) => s.name === 'Sous-traitants');
      expect(subs?.rows[1][subs.rows[0].findIndex((c) => c?.text === 'Pays')]?.text).toMatch(/^Code pays ISO/);
      const xlsx = await api.http().get('/api/workbook/template.xlsx?lang=en').buffer(true).parse(binary).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body);
      const treatments = wb.getWorksheet('Treatments');
      expect(treatments?.getCell('D1').value).toBe("Organisation's role");
      expect(treatments?.getCell('A2').text).toMatch(/^Required\./);
      expect(treatments?.getCell('D3').dataValidation).toMatchObject({
        type: 'list',
        formulae: [expect.stringMatching(/^'Lists'!\$[A-Z]+\$2:\$[A-Z]+\$4$/)],
      });
      await api.http().get('/api/workbook/template.xls').expect(404);
    });

    it.each(SEED_SLUGS)(
      '%s: export → import → export is identical (ODS and XLSX, French and English)',
      async (slug) => {
        const before = await api.http().get(`/api/organisations/${slug}/export`).expect(200);
        for (const [format, type] of [
          ['ods', ODS],
          ['xlsx', XLSX_TYPE],
        ]) {
          for (const lang of ['fr', 'en']) {
            const file = (
              await api
                .http()
                .get(`/api/organisations/${slug}/workbook.${format}?lang=${lang}`)
                .buffer(true)
                .parse(binary)
                .expect(200)
            ).body as Buffer;
            const plan = await upload(`/api/import?dryRun=true`, file, type).expect(200);
            expect(plan.body.summary).toMatchObject({ create: 0, change: 0, delete: 0, errors: 0 });
            await upload(`/api/import?replace=true`, file, type).expect(201);
            const after = await api.http().get(`/api/organisations/${slug}/export`).expect(200);
            expect(after.text).toBe(before.text);
            const again = (
              await api
                .http()
                .get(`/api/organisations/${slug}/workbook.${format}?lang=${lang}`)
                .buffer(true)
                .parse(binary)
                .expect(200)
            ).body as Buffer;
            expect(grid(again)).toEqual(grid(file));
          }
        }
      },
    );

    it('opens in LibreOffice, saved in the other format reads back as the same data', async () => {
      const before = await api.http().get('/api/organisations/desmos/export').expect(200);
      for (const [format, other, type] of [
        ['ods', 'xlsx', XLSX_TYPE],
        ['xlsx', 'ods', ODS],
      ] as const) {
        const file = join(dir, `desmos-export.${format}`);
        writeFileSync(
          file,
          (await api.http().get(`/api/organisations/desmos/workbook.${format}`).buffer(true).parse(binary).expect(200))
            .body as Buffer,
        );
        const converted = readFileSync(libreOfficeConvert(file, other, join(dir, `lo-${format}`)));
        const plan = await upload('/api/import?dryRun=true', converted, type).expect(200);
        expect(plan.body.source).toMatchObject({ format: other, layout: 'registre-workbook' });
        expect(plan.body.summary).toMatchObject({ create: 0, change: 0, errors: 0 });
        await upload('/api/import?replace=true', converted, type).expect(201);
        expect((await api.http().get('/api/organisations/desmos/export').expect(200)).text).toBe(before.text);
      }
    });

    it('writes a value that starts like a formula as text: LibreOffice opens it as text, in both formats', async () => {
      const risky = ['=1+1', '+33 1 23 45 67 89', '-2+3', '@SUM(1,2)', '=HYPERLINK("http://127.0.0.1/","clic")'];
      await api
        .http()
        .post('/api/import')
        .send({
          format: 'registre-bundle',
          version: 1,
          organisation: { slug: 'formules-export', name: risky[0], country: 'FR', roles: ['controller'] },
          treatments: risky.map((name, i) => ({ key: `t-${i}`, name, role: 'controller' })),
        })
        .expect(201);
      const before = (await api.http().get('/api/organisations/formules-export/export').expect(200)).text;
      const limits = { maxEntries: 1000, maxUnzippedBytes: 50 * 1048576 };
      const entry = (file: Buffer, name: RegExp) =>
        checkZip(file, limits)
          .filter((e) => name.test(e.name))
          .map((e) => readZipEntry(file, e, limits).toString('utf8'))
          .join('');
      for (const [format, other, type] of [
        ['xlsx', 'ods', ODS],
        ['ods', 'xlsx', XLSX_TYPE],
      ] as const) {
        const file = join(dir, `formules.${format}`);
        const exported = (
          await api
            .http()
            .get(`/api/organisations/formules-export/workbook.${format}`)
            .buffer(true)
            .parse(binary)
            .expect(200)
        ).body as Buffer;
        writeFileSync(file, exported);
        // Written as text cells: no formula anywhere in the file.
        expect(entry(exported, format === 'xlsx' ? /^xl\/worksheets\/.*\.xml$/ : /^content\.xml$/)).not.toMatch(
          format === 'xlsx' ? /<f[ >]/ : /table:formula=/,
        );
        // A real spreadsheet application opens them as text: it saves no formula either, and the values are kept.
        const converted = readFileSync(libreOfficeConvert(file, other, join(dir, `lo-formules-${format}`)));
        const xml = entry(converted, other === 'xlsx' ? /^xl\/worksheets\/.*\.xml$/ : /^content\.xml$/);
        expect(xml).not.toMatch(other === 'xlsx' ? /<f[ >]/ : /table:formula=/);
        const cells = readTable(converted).sheets.flatMap((s) => s.rows.flat().map((c) => c?.text));
        for (const value of risky) expect(cells).toContain(value);
        const plan = await upload('/api/import?dryRun=true', converted, type).expect(200);
        expect(plan.body.summary).toMatchObject({ create: 0, change: 0, delete: 0, errors: 0 });
      }
      expect((await api.http().get('/api/organisations/formules-export/export').expect(200)).text).toBe(before);
    });

    it('a workbook filled by hand: problems by sheet, row and column, with suggestions; nothing written', async () => {
      const file = (await api.http().get('/api/workbook/template.xlsx').buffer(true).parse(binary).expect(200))
        .body as Buffer;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
      const org = wb.getWorksheet('Organisation')!;
      const headers = (ws: ExcelJS.Worksheet) =>
        (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      const put = (ws: ExcelJS.Worksheet, row: number, header: string, value: ExcelJS.CellValue) => {
        const col = headers(ws).indexOf(header);
        if (col < 1) throw new Error(`no column ${header}`);
        ws.getRow(row).getCell(col).value = value;
      };
      put(org, 3, 'Identifiant (slug)', 'clinique-saisie');
      put(org, 3, 'Nom', 'Clinique Saisie');
      put(org, 3, 'Pays', 'France');
      put(org, 3, 'Rôles', 'Responsable de traitement');
      const subs = wb.getWorksheet('Sous-traitants')!;
      put(subs, 3, 'Clé', 'ovh');
      put(subs, 3, 'Nom', 'OVH');
      put(subs, 3, 'Pays', 'UK');
      const engagements = wb.getWorksheet('Engagements')!;
      put(engagements, 3, 'Clé', 'ovh-hebergement');
      put(engagements, 3, 'Prestataire', 'ovh');
      put(engagements, 3, 'Pays de traitement', 'FR\nEU');
      put(engagements, 3, 'DPA signé le', '31/02/2024');
      const treatments = wb.getWorksheet('Traitements')!;
      put(treatments, 3, 'Clé', 'dossier-patient');
      put(treatments, 3, 'Nom du traitement', 'Dossier patient');
      put(treatments, 3, "Rôle de l'organisme", 'Responsable du traitement');
      put(treatments, 4, 'Nom du traitement', 'Prise de rendez-vous');
      put(treatments, 4, "Rôle de l'organisme", 'Sous-traitant');
      const uses = wb.getWorksheet('Utilisations')!;
      put(uses, 3, 'Traitement', 'dossier-patient');
      put(uses, 3, 'Engagement', 'ovh-hebergment');
      const edited = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await upload('/api/import?dryRun=true', edited, XLSX_TYPE).expect(200);
      const problems = (res.body.problems as Problem[]).map((p) => ({
        severity: p.severity,
        where: `${p.sheet}!${p.cell}`,
        column: p.column,
        problem: p.problem,
        suggestion: p.suggestion,
      }));
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            severity: 'error',
            where: 'Sous-traitants!E3',
            column: 'Pays',
            problem: expect.stringMatching(/"UK": .*did you mean GB/),
          }),
          expect.objectContaining({
            severity: 'error',
            where: 'Engagements!H3',
            column: 'Pays de traitement',
            problem: expect.stringMatching(/"EU" is an area, not a country.*processingArea/),
          }),
          expect.objectContaining({
            severity: 'error',
            where: 'Engagements!M3',
            column: 'DPA signé le',
            problem: expect.stringMatching(/"31\/02\/2024": .*real date as YYYY-MM-DD/),
          }),
          expect.objectContaining({
            severity: 'error',
            where: 'Traitements!D3',
            column: "Rôle de l'organisme",
            suggestion: 'did you mean "Responsable de traitement"?',
          }),
          expect.objectContaining({
            severity: 'warning',
            where: 'Traitements!A4',
            problem: expect.stringMatching(/no key: "prise-de-rendez-vous" made from the name/),
          }),
        ]),
      );
      // Reference problems come once the shapes are right: fix them and import again.
      put(subs, 3, 'Pays', 'GB');
      put(engagements, 3, 'Pays de traitement', 'FR');
      put(engagements, 3, 'Zone de traitement', 'Union européenne');
      put(engagements, 3, 'DPA signé le', new Date(Date.UTC(2024, 1, 29)));
      put(treatments, 3, "Rôle de l'organisme", 'Responsable de traitement');
      const second = await upload(
        '/api/import?dryRun=true',
        Buffer.from(await wb.xlsx.writeBuffer()),
        XLSX_TYPE,
      ).expect(200);
      expect((second.body.problems as Problem[]).filter((p) => p.severity === 'error')).toEqual([
        expect.objectContaining({
          sheet: 'Utilisations',
          cell: 'B3',
          column: 'Engagement',
          problem: 'no engagement with key "ovh-hebergment"',
          suggestion: 'did you mean "ovh-hebergement"?',
        }),
      ]);
      put(uses, 3, 'Engagement', 'ovh-hebergement');
      const done = await upload('/api/import', Buffer.from(await wb.xlsx.writeBuffer()), XLSX_TYPE).expect(201);
      expect(done.body.summary).toMatchObject({ create: 4, errors: 0 });
      const bundle = (await api.http().get('/api/organisations/clinique-saisie/export').expect(200)).body;
      expect(bundle.engagements[0]).toMatchObject({
        processingCountries: ['FR'],
        processingArea: 'eu',
        dpaSignedOn: '2024-02-29',
      });
      expect(bundle.treatments.map((t: { key: string; uses?: unknown }) => [t.key, t.uses])).toEqual([
        ['dossier-patient', [{ engagement: 'ovh-hebergement' }]],
        ['prise-de-rendez-vous', undefined],
      ]);
    });

    it('writes nothing when the organisation changed since the preview; records left alone keep their history', async () => {
      const slug = 'clinique-saisie';
      const url = `/api/organisations/${slug}/treatments/prise-de-rendez-vous`;
      const left = (await api.http().get(`/api/organisations/${slug}/treatments/dossier-patient`).expect(200)).body;
      const file = (
        await api.http().get(`/api/organisations/${slug}/workbook.xlsx`).buffer(true).parse(binary).expect(200)
      ).body as Buffer;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
      const sheet = wb.getWorksheet('Traitements')!;
      const headers = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      const row = [...Array(sheet.rowCount).keys()]
        .map((i) => sheet.getRow(i + 1))
        .find((r) => r.getCell(headers.indexOf('Clé')).value === 'prise-de-rendez-vous')!;
      row.getCell(headers.indexOf('Description')).value = 'Agenda en ligne';
      const edited = Buffer.from(await wb.xlsx.writeBuffer());
      const preview = await upload('/api/import?dryRun=true', edited, XLSX_TYPE).expect(200);
      expect(preview.body.summary).toMatchObject({ create: 0, change: 1, errors: 0 });
      expect(preview.body.records).toContainEqual(
        expect.objectContaining({ key: 'prise-de-rendez-vous', action: 'change', fields: ['description'] }),
      );

      clock.advance(60_000);
      await api.http().patch(url).send({ description: 'Par téléphone' }).expect(200);
      const stale = await upload(`/api/import?expect=${preview.body.fingerprint}`, edited, XLSX_TYPE).expect(409);
      expect(stale.body.message).toMatch(/changed since the preview/);
      expect((await api.http().get(url).expect(200)).body.description).toBe('Par téléphone');

      clock.advance(60_000);
      const again = await upload('/api/import?dryRun=true', edited, XLSX_TYPE).expect(200);
      expect(again.body.fingerprint).not.toBe(preview.body.fingerprint);
      await upload(`/api/import?expect=${again.body.fingerprint}`, edited, XLSX_TYPE).expect(201);
      const changed = (await api.http().get(url).expect(200)).body;
      expect(changed).toMatchObject({ description: 'Agenda en ligne', updatedAt: clock.instant() });
      expect((await api.http().get(`/api/organisations/${slug}/treatments/dossier-patient`).expect(200)).body).toEqual(
        left,
      );
      const audit = (await api.http().get(`/api/organisations/${slug}/audit?entity=Organisation`).expect(200)).body as {
        action: string;
        at: string;
      }[];
      expect(audit[0]).toMatchObject({ action: 'import', at: clock.instant() });
    });
  });

  describe('untrusted files', () => {
    it('refuses a zip bomb with a clear error, before reading it', async () => {
      const bomb = writeZip([
        { name: 'mimetype', data: Buffer.from(ODS), store: true },
        { name: 'content.xml', data: Buffer.alloc(200 * 1024 * 1024, 0x20) },
      ]);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const res = await upload('/api/import?dryRun=true&org=x', bomb, ODS).expect(413);
      expect(res.body).toMatchObject({
        code: 'file_too_large',
        message: expect.stringMatching(/unpacks to more than 100 MB/),
      });
    });

    it('refuses a file over the size limit, a legacy .xls and what is no spreadsheet', async () => {
      await upload(
        '/api/import?dryRun=true&org=x',
        Buffer.alloc(11 * 1024 * 1024, 0x41),
        'application/octet-stream',
      ).expect(413);
      const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
      const legacy = await upload('/api/import?dryRun=true&org=x', xls, 'application/octet-stream').expect(400);
      expect(legacy.body.message).toMatch(/legacy binary Excel file \(\.xls\).*save it as \.xlsx or \.ods/);
      const png = await upload(
        '/api/import?dryRun=true&org=x',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
        'application/octet-stream',
      ).expect(400);
      expect(png.body.code).toBe('unsupported_file');
      const word = writeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
      expect(
        (await upload('/api/import?dryRun=true&org=x', word, 'application/octet-stream').expect(400)).body.message,
      ).toMatch(/word-processing document, not a spreadsheet/);
    });

    it('reads a formula cell as the value the file stored, never evaluates it, and ignores macros', async () => {
      const template = (await api.http().get('/api/workbook/template.xlsx').buffer(true).parse(binary).expect(200))
        .body as Buffer;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
      const org = wb.getWorksheet('Organisation')!;
      org.getCell('A3').value = 'formules';
      org.getCell('B3').value = { formula: 'CONCATENATE("Clinique"," ","Calcul")', result: 'Valeur enregistrée' };
      org.getCell('E3').value = 'FR';
      org.getCell('G3').value = 'Responsable de traitement';
      const withFormula = Buffer.from(await wb.xlsx.writeBuffer());
      // The same workbook carrying a macro project, as an .xlsm does: it is never loaded.
      const limits = { maxEntries: 100, maxUnzippedBytes: 50 * 1048576 };
      const entries = checkZip(withFormula, limits);
      const withMacros = writeZip([
        ...entries.map((e) => ({ name: e.name, data: readZipEntry(withFormula, e, limits) })),
        {
          name: 'xl/vbaProject.bin',
          data: Buffer.from('Attribute VB_Name = "Module1"\nSub AutoOpen()\nShell "calc"\nEnd Sub'),
        },
      ]);
      const res = await upload('/api/import?dryRun=true', withMacros, XLSX_TYPE).expect(200);
      expect(res.body.summary.errors).toBe(0);
      expect(res.body.source.notes).toContain('macros ignored');
      await upload('/api/import', withMacros, XLSX_TYPE).expect(201);
      const stored = (await api.http().get('/api/organisations/formules').expect(200)).body;
      expect(stored.name).toBe('Valeur enregistrée');
    });
  });

  describe("a provider's list of sub-processors", () => {
    const url = (q: string) => `/api/organisations/oci-hds-client/engagements/oci-hds/subprocessor-list?${q}`;

    it('proposes dated changes from a CSV, then records them; the same list again is "no changes"', async () => {
      const csv = Buffer.from(
        'Sous-traitant ultérieur;Finalité;Localisation;Garanties\r\nOCI Cloud SAS;Hébergement IaaS;France, USA;Clauses contractuelles types 2021/914\r\nTwilio Inc.;SMS d’authentification;UK;Data Privacy Framework\r\n',
        'utf8',
      );
      const preview = await upload(url('dryRun=true&noticeDate=2026-03-02'), csv, 'text/csv').expect(200);
      expect(
        preview.body.changes.map((c: { kind: string; subprocessor: { name: string } }) => [
          c.kind,
          c.subprocessor.name,
        ]),
      ).toEqual([
        ['relocation', 'OCI Cloud'],
        ['safeguard-change', 'OCI Cloud'],
        ['addition', 'Twilio Inc.'],
      ]);
      expect(preview.body.problems).toEqual([
        expect.objectContaining({
          severity: 'error',
          sheet: 'CSV',
          cell: 'C3',
          column: 'Localisation',
          problem: expect.stringMatching(/did you mean GB/),
        }),
      ]);
      await upload(url('noticeDate=2026-03-02'), csv, 'text/csv').expect(400);

      const fixed = Buffer.from(csv.toString('utf8').replace(';UK;', ';Royaume-Uni;'), 'utf8');
      const written = await upload(
        url('noticeDate=2026-03-02&plannedEffectiveOn=2026-03-20'),
        fixed,
        'text/csv',
      ).expect(201);
      expect(written.body).toMatchObject({ applied: true, summary: { added: 1, relocated: 1, safeguardChanged: 1 } });
      const notices = (await api.http().get('/api/organisations/oci-hds-client/subprocessor-changes').expect(200))
        .body as { key: string; kind: string; noticeReceivedAt: string }[];
      expect(notices.map((n) => [n.kind, n.noticeReceivedAt])).toEqual(
        expect.arrayContaining([
          ['addition', '2026-03-02T00:00:00+01:00'],
          ['relocation', '2026-03-02T00:00:00+01:00'],
          ['safeguard-change', '2026-03-02T00:00:00+01:00'],
        ]),
      );
      const engagements = (await api.http().get('/api/organisations/oci-hds-client/engagements').expect(200)).body as {
        key: string;
        provider: string;
        client?: string;
        processingCountries?: string[];
      }[];
      expect(engagements.find((e) => e.key === 'oci-cloud-hebergement')?.processingCountries).toEqual(['FR', 'US']);
      expect(engagements.find((e) => e.provider === 'twilio-inc')).toMatchObject({
        client: 'oci',
        processingCountries: ['GB'],
      });

      const again = await upload(url('noticeDate=2026-04-01'), fixed, 'text/plain').expect(200);
      expect(again.body).toMatchObject({
        noChanges: true,
        applied: false,
        message: expect.stringMatching(/^No changes: the list matches the 2 sub-processor\(s\) recorded/),
      });
    });

    it('takes a table pasted from a web page, and an XLSX made by LibreOffice; a removal opens no objection window', async () => {
      const pasted = 'Entity\tPurpose\tLocation\nOCI Cloud\tHosting\tFrance, United States\n';
      const preview = await upload(url('dryRun=true&noticeDate=2026-05-04'), Buffer.from(pasted), 'text/plain').expect(
        200,
      );
      expect(
        preview.body.changes.map((c: { kind: string; subprocessor: { key: string } }) => [c.kind, c.subprocessor.key]),
      ).toEqual([['removal', 'twilio-inc']]);

      const csvFile = join(dir, 'liste.csv');
      writeFileSync(csvFile, pasted.replace(/\t/g, ';').replace('France, United States', '"France, United States"'));
      const xlsx = readFileSync(libreOfficeConvert(csvFile, 'xlsx', join(dir, 'lo-list'), 'CSV:59,34,76,1'));
      const res = await api
        .http()
        .post(url('noticeDate=2026-05-04'))
        .attach('file', xlsx, { filename: 'liste-mai.xlsx', contentType: XLSX_TYPE })
        .expect(201);
      expect(res.body.changes.map((c: { kind: string }) => c.kind)).toEqual(['removal']);
      const notice = (
        await api.http().get('/api/organisations/oci-hds-client/subprocessor-changes').expect(200)
      ).body.find((n: { kind: string }) => n.kind === 'removal');
      expect(notice.source).toEqual({ document: 'liste-mai.xlsx' });
      const window = await api
        .http()
        .get(`/api/organisations/oci-hds-client/subprocessor-changes/${notice.key}/window?asOf=2026-05-05`)
        .expect(200);
      expect(window.body.status).toBe('not-applicable');
      await api.http().get('/api/organisations/oci-hds-client/engagements/twilio-inc-oci').expect(404);
    });

    it('answers 404 for an unknown engagement and 400 without a file', async () => {
      await upload(
        '/api/organisations/oci-hds-client/engagements/nope/subprocessor-list?dryRun=true',
        Buffer.from('a;b\n'),
        'text/csv',
      ).expect(404);
      const res = await api.http().post(url('dryRun=true')).expect(400);
      expect(res.body.code).toBe('file_required');
    });
  });

  describe('the command line', () => {
    it('writes the template and an export, imports with a dry run first, and exits 1 on located errors', () => {
      const db = api.databasePath;
      const template = join(dir, 'modele.ods');
      expect(cli(['template', '--out', template], db).code).toBe(0);
      expect(readTable(readFileSync(template)).sheets.map((s) => s.name)).toContain('Traitements');
      const out = join(dir, 'omnidoc.xlsx');
      expect(cli(['export', '--org', 'omnidoc', '--out', out, '--lang', 'en'], db).code).toBe(0);
      const dry = cli(['import', out, '--dry-run'], db);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/Registre's workbook \(XLSX\)/);
      expect(dry.stdout).toMatch(/organisation omnidoc: unchanged/);
      expect(dry.stdout).toMatch(/dry run: nothing written/);

      const made = join(dir, 'cli-register.xlsx');
      writeDpoRegister(made);
      const bad = cli(['import', made, '--org', 'clinique-cli', '--as-of', '2026-06-01'], db);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/errors \(1\):\n {2}Dossier patient!C60 \(Pays\): .*"UK": did you mean GB/);
      expect(bad.stdout).toMatch(/not written/);
      expect(cli(['import', made, '--org', 'clinique-cli', '--dry-run', '--json'], db).stdout).toMatch(
        /"layout": "cnil-register"/,
      );
      expect(cli(['import', join(dir, 'missing.ods'), '--org', 'x'], db)).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/Cannot read .*missing\.ods: ENOENT/),
      });
    });

    it('imports one sheet saved as CSV into the organisation named, with located errors first', () => {
      const db = api.databasePath;
      const csv = join(dir, 'traitements.csv');
      const header = "Clé;Nom du traitement;Rôle de l'organisme;Description";
      writeFileSync(csv, `${header}\nteleexpertise;Téléexpertise;Patron;Avis à distance\n`);
      const bad = cli(['import', csv, '--org', 'omnidoc', '--dry-run'], db);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/CSV!C2 \(Rôle de l'organisme\)/);
      writeFileSync(csv, `${header}\nteleexpertise;Téléexpertise;Responsable de traitement;Avis à distance\n`);
      const dry = cli(['import', csv, '--org', 'omnidoc', '--dry-run', '--json'], db);
      expect(dry.code).toBe(0);
      const plan = JSON.parse(dry.stdout) as { source: { format: string }; records: { key: string; action: string }[] };
      expect(plan.source.format).toBe('csv');
      // Only what the sheet holds: the organisation's other records are left alone.
      expect(plan.records.filter((r) => r.action !== 'unchanged')).toEqual([
        expect.objectContaining({ key: 'teleexpertise', action: 'create' }),
      ]);
      expect(cli(['import', csv, '--org', 'omnidoc'], db).code).toBe(0);
      const bundle = JSON.parse(cli(['export', '--org', 'omnidoc'], db).stdout) as {
        treatments: { key: string; name: string; role: string; description?: string }[];
      };
      expect(bundle.treatments.find((t) => t.key === 'teleexpertise')).toMatchObject({
        name: 'Téléexpertise',
        role: 'controller',
        description: 'Avis à distance',
      });
    });

    it('imports a provider list and writes Word documents', () => {
      const db = api.databasePath;
      const list = join(dir, 'cli-list.csv');
      writeFileSync(list, 'Nom;Service;Pays\nOCI Cloud;Hébergement;France, United States\nSendinblue;E-mails;France\n');
      const dry = cli(
        [
          'subprocessors',
          'import',
          list,
          '--org',
          'oci-hds-client',
          '--engagement',
          'oci-hds',
          '--notice-date',
          '2026-06-01',
          '--dry-run',
        ],
        db,
      );
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/addition {9}Sendinblue \[new subcontractor\] \(— → France \(FR\)\) — row 3/);
      const docx = join(dir, 'registre.docx');
      const render = cli(['render', 'register', '--org', 'desmos', '--out', docx, '--as-of', '2026-06-01'], db);
      expect(render.code).toBe(0);
      expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    });
  });
});
