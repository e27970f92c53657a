import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, startApi, TestApi, tempDatabase } from './helpers';

/**
 * Facts real contracts and sub-processor lists state (issue 13), through the HTTP API and the CLI:
 * each is a real field (400 on bad values, unknown fields refused with where the fact belongs), kept
 * through export → import → export, checked by the rules and shown in the documents.
 */
const SLUG = 'editeur-sante';
const base = `/api/organisations/${SLUG}`;
const AS_OF = '2026-06-01';

const BUNDLE = {
  format: 'registre-bundle',
  version: 2,
  organisation: {
    slug: SLUG,
    name: 'Éditeur Santé SAS',
    country: 'FR',
    roles: ['controller', 'processor'],
    address: '1 rue de la Santé, 75013 Paris',
    dpo: { email: 'dpo@editeur.fr' },
    securityMeasures: [{ title: 'Chiffrement' }],
    guarantees: [{ kind: 'hds', text: 'Éditeur certifié HDS v2', hdsReferential: 'v2' }],
    source: { document: 'DPA Éditeur', section: '§1', version: 'v3.1', versionDate: '2025-08' },
  },
  subcontractors: [
    { key: 'cloud', name: 'Cloud', legalName: 'Cloud Europe SARL', country: 'LU', parentCountry: 'US' },
    { key: 'dc', name: 'Datacenter', country: 'FR' },
    { key: 'support', name: 'Support Offshore', country: 'IN' },
  ],
  certificates: [
    {
      key: 'own-hds',
      kind: 'hds',
      hdsReferential: '2018',
      hdsActivities: ['administration-operation'],
      validFrom: '2024-01-01',
      validTo: '2026-12-31',
    },
    {
      key: 'cloud-hds',
      subcontractor: 'cloud',
      kind: 'hds',
      hdsReferential: 'v2',
      certifiedEntity: 'Cloud Inc. and its affiliates',
      certifiedEntityCountry: 'US',
      hdsActivities: ['physical-sites', 'hardware', 'virtual-infrastructure'],
      services: ['Private Cloud'],
      validFrom: '2025-01-01',
      validTo: '2027-12-31',
    },
    {
      key: 'cloud-iso',
      subcontractor: 'cloud',
      kind: 'iso-27001',
      edition: 'EN ISO/IEC 27001:2017',
      validFrom: '2024-01-01',
      validTo: '2027-01-31',
    },
  ],
  engagements: [
    {
      key: 'cloud-hosting',
      provider: 'cloud',
      services: ['Private Cloud', 'Public Cloud'],
      serviceScopes: [
        { service: 'Private Cloud', hdsActivities: ['physical-sites', 'hardware', 'virtual-infrastructure'] },
        { service: 'Public Cloud', hdsActivities: ['application-platform'] },
        { service: 'Mail', healthData: false },
      ],
      processingCountries: ['FR'],
      accessWorldwide: true,
      accessExceptCountries: ['CN'],
      dpaReference: 'DPA Cloud',
      dpaVersion: '4.0',
      dpaVersionDate: '2025-03',
      breachNoticeHours: 24,
      authorisation: 'general',
      transferSafeguards: [
        { kind: 'dpf', countries: ['US'] },
        {
          kind: 'scc-2021',
          sccModule: 'P2P',
          tia: { assessedOn: '2025-03-01', conclusion: 'supplementary-measures', reviewOn: '2026-03-01' },
        },
      ],
    },
    {
      key: 'dc-housing',
      provider: 'dc',
      client: 'cloud',
      hdsActivities: ['physical-sites'],
      coveredByCertificate: 'cloud-hds',
      processingCountries: ['FR'],
      listedOn: '2025-06',
    },
    {
      key: 'support-desk',
      provider: 'support',
      services: ['Support'],
      processingCountries: ['FR'],
      accessCountries: ['IN'],
      dpaSignedOn: '2024-02-01',
      breachNoticeHours: 24,
      transferSafeguards: [{ kind: 'scc-2010', signedOn: '2019-06-01' }],
    },
  ],
  treatments: [
    {
      key: 'dossier',
      name: 'Dossier patient',
      role: 'controller',
      status: 'active',
      purposes: ['Suivi des patients'],
      legalBasis: { article6: ['public-task'], article9: ['h'] },
      dataSubjects: ['Patients'],
      dataCategories: [{ category: 'health', label: 'Dossier médical', health: true, retention: '10 ans' }],
      recipients: [{ kind: 'internal', name: 'Soignants' }],
      dpia: {
        criteria: ['sensitive-data', 'vulnerable-subjects', 'large-scale'],
        status: 'done',
        doneOn: '2023-01-10',
        reviewOn: '2026-01-10',
      },
      uses: [{ engagement: 'cloud-hosting' }, { engagement: 'support-desk' }],
    },
    {
      key: 'hebergement-clients',
      name: 'Hébergement pour les clients',
      role: 'processor',
      status: 'active',
      controllers: [{ name: 'Cabinets clients' }],
      purposes: ['Hébergement du logiciel'],
      dataCategories: [{ category: 'health', label: 'Données de santé', health: true }],
      hdsActivitiesInHouse: ['administration-operation', 'backup'],
      patientRecord: false,
      uses: [{ engagement: 'cloud-hosting' }],
    },
  ],
};

describe('legal depth: new facts through HTTP', () => {
  let api: TestApi;
  const exportOrg = async () => (await api.http().get(`${base}/export`).expect(200)).body as typeof BUNDLE;

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/import').send(BUNDLE).expect(201);
  });
  afterAll(async () => api.close());

  it('keeps every new fact: export → import → export is identical, and the export is the bundle', async () => {
    const first = await api.http().get(`${base}/export`).expect(200);
    expect(first.body.version).toBe(2);
    for (const list of ['certificates', 'engagements', 'treatments', 'subcontractors'] as const) {
      expect(first.body[list]).toEqual(
        [...BUNDLE[list]].sort((a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1)),
      );
    }
    expect(first.body.organisation).toEqual(BUNDLE.organisation);
    await api.http().post('/api/import?replace=true').send(first.body).expect(201);
    const second = await api.http().get(`${base}/export`).expect(200);
    expect(second.text).toBe(first.text);
  });

  it('imports a bundle of format version 1: its one safeguard becomes a list', async () => {
    const v1 = {
      ...BUNDLE,
      version: 1,
      organisation: { ...BUNDLE.organisation, slug: 'ancien' },
      engagements: [{ key: 'e', provider: 'cloud', transferSafeguard: { kind: 'scc-2021', sccModule: 'C2P' } }],
      treatments: [],
      certificates: [],
    };
    await api.http().post('/api/import').send(v1).expect(201);
    const e = await api.http().get('/api/organisations/ancien/engagements/e').expect(200);
    expect(e.body.transferSafeguards).toEqual([{ kind: 'scc-2021', sccModule: 'C2P' }]);
    await api.http().delete('/api/organisations/ancien').expect(204);
  });

  const bad: { name: string; path: string; body: object; field: string; problem?: RegExp }[] = [
    { name: 'month 13', path: 'engagements', body: { dpaVersionDate: '2025-13' }, field: 'dpaVersionDate' },
    { name: 'a date in another format', path: 'engagements', body: { listedOn: '31/08/2025' }, field: 'listedOn' },
    {
      name: 'removed before listed',
      path: 'engagements',
      body: { listedOn: '2025-06', removedOn: '2025-05' },
      field: 'removedOn',
      problem: /not be before listedOn/,
    },
    {
      name: 'exceptions without worldwide access',
      path: 'engagements',
      body: { accessExceptCountries: ['CN'] },
      field: 'accessExceptCountries',
    },
    {
      name: 'worldwide access and an allow-list',
      path: 'engagements',
      body: { accessWorldwide: true, accessCountries: ['US'] },
      field: 'accessCountries',
    },
    {
      name: 'HDS activities on a service without health data',
      path: 'engagements',
      body: { serviceScopes: [{ service: 'SMS', healthData: false, hdsActivities: ['backup'] }] },
      field: 'serviceScopes[0].hdsActivities',
    },
    {
      name: 'a TIA conclusion outside the vocabulary',
      path: 'engagements',
      body: { transferSafeguards: [{ kind: 'scc-2021', tia: { assessedOn: '2025-01-01', conclusion: 'ok' } }] },
      field: 'transferSafeguards[0].tia.conclusion',
    },
    {
      name: 'a TIA without its date',
      path: 'engagements',
      body: { transferSafeguards: [{ kind: 'scc-2021', tia: { conclusion: 'essentially-equivalent' } }] },
      field: 'transferSafeguards[0].tia.assessedOn',
    },
    {
      name: '"EU" as a country',
      path: 'engagements',
      body: { processingCountries: ['EU'] },
      field: 'processingCountries',
      problem: /an area is recorded as processingArea/,
    },
    {
      name: 'the old single safeguard field',
      path: 'engagements',
      body: { transferSafeguard: { kind: 'dpf' } },
      field: 'transferSafeguard',
      problem: /transferSafeguards/,
    },
    {
      name: '"UK" as the certified entity’s country',
      path: 'certificates/cloud-hds',
      body: { certifiedEntityCountry: 'UK' },
      field: 'certifiedEntityCountry',
      problem: /did you mean GB/,
    },
    {
      name: 'an expiry in a field that does not exist',
      path: 'certificates/cloud-hds',
      body: { expiresOn: '2027-12-31' },
      field: 'expiresOn',
      problem: /goes in validTo/,
    },
    {
      name: 'a DPIA done without its date',
      path: 'treatments/dossier',
      body: { dpia: { status: 'done' } },
      field: 'dpia.doneOn',
    },
    {
      name: 'a DPIA not needed without the reason',
      path: 'treatments/dossier',
      body: { dpia: { status: 'not-needed' } },
      field: 'dpia.reason',
    },
    {
      name: 'a DPIA criterion outside WP248',
      path: 'treatments/dossier',
      body: { dpia: { criteria: ['genetic'] } },
      field: 'dpia.criteria',
    },
    {
      name: 'a review before the DPIA',
      path: 'treatments/dossier',
      body: { dpia: { status: 'done', doneOn: '2025-01-01', reviewOn: '2024-01-01' } },
      field: 'dpia.reviewOn',
    },
    {
      name: 'a DPIA in a field of another name',
      path: 'treatments/dossier',
      body: { aipd: { status: 'done' } },
      field: 'aipd',
      problem: /goes in dpia/,
    },
    {
      name: 'a month-only source date that is no month',
      path: 'engagements/support-desk',
      body: { source: { document: 'DPA', versionDate: '2025-1' } },
      field: 'source.versionDate',
    },
    {
      name: 'an HDS référentiel claim outside the vocabulary',
      path: 'subcontractors/cloud',
      body: { guarantees: [{ kind: 'hds', text: 'HDS', hdsReferential: '2024' }] },
      field: 'guarantees[0].hdsReferential',
    },
  ];

  it.each(bad)('refuses $name with 400 naming the field, and writes nothing', async (c) => {
    const before = await exportOrg();
    const creating = c.path === 'engagements';
    const res = creating
      ? await api
          .http()
          .post(`${base}/${c.path}`)
          .send({ key: 'new', provider: 'cloud', ...c.body })
      : await api.http().patch(`${base}/${c.path}`).send(c.body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const detail = (res.body.details as { field: string; problem: string }[]).find((d) => d.field === c.field);
    expect(detail).toBeDefined();
    if (c.problem) expect(detail?.problem).toMatch(c.problem);
    expect(await exportOrg()).toEqual(before);
  });

  it('refuses a cover by a certificate that does not exist, and the deletion of one still covering', async () => {
    const dangling = await api
      .http()
      .patch(`${base}/engagements/dc-housing`)
      .send({ coveredByCertificate: 'nothing' })
      .expect(400);
    expect(dangling.body).toMatchObject({ code: 'invalid_reference', details: [{ field: 'coveredByCertificate' }] });
    const used = await api.http().delete(`${base}/certificates/cloud-hds`).expect(409);
    expect(used.body.details).toContainEqual({
      field: 'coveredByCertificate',
      problem: 'used by engagement "dc-housing"',
    });
  });

  it('checks the new facts: own certificate, withdrawn edition spelling, repealed SCC, TIA, DPIA, retention, stale list', async () => {
    const report = (await api.http().get(`${base}/findings?asOf=${AS_OF}`).expect(200)).body as {
      findings: { id: string; severity: string }[];
    };
    const ids = report.findings.map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        // The organisation's own HDS certificate covers administration, not the backups it runs for its clients.
        'hds.activity-gap:treatment:hebergement-clients',
        // It claims v2; its only certificate is 2018.
        'hds.referential-outdated:certificate:own-hds:claimed-v2',
        'hds.referential-outdated:certificate:own-hds',
        // EN ISO/IEC 27001:2017 is the 2013 text: ended on 31 Oct 2025.
        'certificate.edition-withdrawn:certificate:cloud-iso',
        // The certificate names the group, not the contracting entity.
        'certificate.holder-differs:certificate:cloud-hds',
        // Public Cloud is outside the certificate's services.
        'hds.activity-gap:treatment:dossier',
        // SCC 2010/87 are no safeguard for access from India.
        'transfer.scc-outdated:engagement:support-desk:IN',
        // Access from anywhere on SCC: the assessment lists no measures and is past its review.
        'transfer.tia-incomplete:engagement:cloud-hosting:worldwide',
        'hds.extraterritorial-exposure:engagement:cloud-hosting',
        'dpia.review-due:treatment:dossier',
        'register.retention-patient-record:treatment:dossier',
        // Listed by Cloud in June 2025, after the DPA version of March 2025, no notice on file.
        'subprocessor.list-stale:engagement:dc-housing',
      ]),
    );
    // The sub-processor covered by its host's certificate needs none of its own; the patient record
    // of the organisation's clients is theirs (patientRecord: false).
    expect(ids).not.toContain('hds.certification-missing:subcontractor:dc');
    expect(ids).not.toContain('register.retention-patient-record:treatment:hebergement-clients');
    // The assessment on file answers tia-missing; the repealed clauses are no ground to assess.
    expect(ids.filter((id) => id.startsWith('transfer.tia-missing'))).toEqual([]);
  });

  it('groups findings per rule and per subject, every finding keeping its id', async () => {
    const flat = (await api.http().get(`${base}/findings?asOf=${AS_OF}`).expect(200)).body as {
      findings: { id: string }[];
      summary: object;
    };
    const grouped = (await api.http().get(`${base}/findings?asOf=${AS_OF}&view=groups&lang=en`).expect(200)).body as {
      view: string;
      summary: object;
      findings?: unknown;
      groups: { id: string; ruleId: string; title: string; count: number; findings: { id: string }[] }[];
    };
    expect(grouped.view).toBe('groups');
    expect(grouped.findings).toBeUndefined();
    expect(grouped.summary).toEqual(flat.summary);
    expect(grouped.groups.flatMap((g) => g.findings.map((f) => f.id)).sort()).toEqual(
      flat.findings.map((f) => f.id).sort(),
    );
    const gap = grouped.groups.find((g) => g.id === 'hds.activity-gap:error');
    expect(gap).toMatchObject({ title: 'HDS activity uncovered along the chain', count: 2 });
    const subjects = (await api.http().get(`${base}/findings?asOf=${AS_OF}&view=subjects`).expect(200)).body as {
      subjects: { id: string; findings: { id: string }[] }[];
    };
    expect(subjects.subjects.flatMap((s) => s.findings).length).toBe(flat.findings.length);
    expect(subjects.subjects.find((s) => s.id === 'certificate:own-hds')?.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['hds.referential-outdated:certificate:own-hds:claimed-v2']),
    );
    const wrong = await api.http().get(`${base}/findings?view=list`).expect(400);
    expect(wrong.body.details[0].field).toBe('view');
  });

  it('describes every new field in the OpenAPI document, so that forms can be generated from it', async () => {
    const schemas = (await api.http().get('/api/docs-json').expect(200)).body.components.schemas as Record<
      string,
      { properties: Record<string, { description?: string }>; required?: string[] }
    >;
    const described = (schema: string, fields: string[]) => {
      for (const field of fields) expect(schemas[schema].properties[field]?.description).toMatch(/\w.{9,}/);
    };
    described('CreateEngagementDto', [
      'serviceScopes',
      'coveredByCertificate',
      'accessWorldwide',
      'accessExceptCountries',
      'dpaVersion',
      'dpaVersionDate',
      'listedOn',
      'removedOn',
      'transferSafeguards',
    ]);
    described('CreateCertificateDto', ['subcontractor', 'certifiedEntity', 'certifiedEntityCountry', 'services']);
    described('CreateTreatmentDto', ['dpia', 'patientRecord', 'hdsActivitiesInHouse']);
    described('DpiaDto', ['criteria', 'cnilList', 'status', 'reason', 'doneOn', 'reviewOn']);
    described('SafeguardDto', ['countries', 'tia']);
    described('TransferImpactAssessmentDto', ['assessedOn', 'conclusion', 'supplementaryMeasures', 'reviewOn']);
    described('SourceDto', ['version', 'versionDate']);
    described('GuaranteeDto', ['hdsReferential']);
    described('CreateOrganisationDto', ['guarantees']);
    expect(schemas.DpiaDto.required ?? []).not.toContain('reason');
    expect(schemas.CreateCertificateDto.required ?? []).not.toContain('subcontractor');
    expect(schemas.PeriodDto.properties.unit).toMatchObject({ enum: expect.arrayContaining(['weeks']) });
  });

  it('shows the new facts where a DPO reads them: register, DPA annex, compliance report', async () => {
    const register = (await api.http().get(`${base}/documents/register.html?asOf=${AS_OF}`).expect(200)).text;
    expect(register).toContain('Certificats de l&#x27;organisme');
    expect(register).toContain('Analyse d&#x27;impact (AIPD)');
    expect(register).toContain('à réexaminer le 2026-01-10');
    expect(register).toContain('Échu (édition de la norme retirée)');
    expect(register).toContain('Fin effective : 2025-10-31');
    expect(register).toContain('Entité certifiée : Cloud Inc. and its affiliates');
    expect(register).toContain('Public Cloud : HDS n° 4');
    expect(register).toContain('Accès depuis : n&#x27;importe quel pays sauf Chine (CN)');
    const annex = (await api.http().get(`${base}/documents/dpa-annex.html?asOf=${AS_OF}`).expect(200)).text;
    expect(annex).toContain('Mail : pas de données de santé');
    expect(annex).toContain('Inscrit sur la liste des sous-traitants ultérieurs le');
    expect(annex).toContain('Couvert par le certificat de Cloud HDS');
    const report = (await api.http().get(`${base}/documents/compliance-report.html?asOf=${AS_OF}&lang=en`).expect(200))
      .text;
    expect(report).toContain('HDS activity uncovered along the chain');
    expect(report).toContain('hds.activity-gap:treatment:dossier');
    expect(report).toContain('hds.activity-gap:treatment:hebergement-clients');
  });
});

describe('legal depth: registre check groups what repeats', () => {
  const db = tempDatabase();
  beforeAll(() => {
    const file = join(db.dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(BUNDLE));
    expect(cli(['import', file], db.path).code).toBe(0);
  });
  afterAll(() => db.cleanup());

  it('prints one block per rule by default, each finding with its id; --view findings lists them in full', () => {
    const grouped = cli(['check', '--org', SLUG, '--as-of', AS_OF, '--lang', 'en'], db.path);
    expect(grouped.code).toBe(1);
    expect(grouped.stdout).toMatch(/^Éditeur Santé SAS \(editeur-sante\) as of 2026-06-01: \d+ ERROR/);
    expect(grouped.stdout).toContain('ERROR    hds.activity-gap — HDS activity uncovered along the chain (2)');
    expect(grouped.stdout).toContain('[hds.activity-gap:treatment:dossier]');
    expect(grouped.stdout).toContain('Every finding in full: registre check --view findings');
    const flat = cli(['check', '--org', SLUG, '--as-of', AS_OF, '--view', 'findings'], db.path);
    expect(flat.stdout.match(/^ERREUR {3}hds\.activity-gap/gm)?.length).toBe(2);
    const bySubject = cli(['check', '--org', SLUG, '--as-of', AS_OF, '--view', 'subjects'], db.path);
    expect(bySubject.stdout).toContain('certificate own-hds — Éditeur Santé SAS HDS');
    expect(cli(['check', '--org', SLUG, '--view', 'all'], db.path).code).toBe(2);
  });

  it('prints the API JSON with --json, grouped with --view groups', () => {
    const json = JSON.parse(
      cli(['check', '--org', SLUG, '--as-of', AS_OF, '--json', '--view', 'groups'], db.path).stdout,
    ) as {
      view: string;
      groups: { ruleId: string }[];
    };
    expect(json.view).toBe('groups');
    expect(json.groups.map((g) => g.ruleId)).toContain('subprocessor.list-stale');
  });

  it('adds periods in weeks', () => {
    const res = cli(['deadline', '--from', '2026-03-03T10:00:00+01:00', '--add', '2w'], db.path);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('2026-03-17');
  });
});
