import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_SLUGS, SEEDS, startApi, TestApi } from './helpers';

/**
 * The seeds hold the documents' facts. These checks pin facts a reviewer verified against
 * ../shared/seed-documents/, so a careless edit of a seed file fails here.
 */
describe('seeds transcribe the seed documents', () => {
  let api: TestApi;
  // any: response bodies are JSON whose shape each test asserts field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const get = async (path: string): Promise<any> =>
    (await api.http().get(`/api/organisations/${path}`).expect(200)).body;

  beforeAll(async () => {
    api = await startApi();
    for (const slug of SEED_SLUGS) {
      const bundle = JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as object;
      await api.http().post('/api/import').send(bundle).expect(201);
    }
  });
  afterAll(async () => api.close());

  it('every record carries its source document', async () => {
    const documents: Record<string, string> = {
      desmos: '000_5844b4dfcd49d4cc.txt',
      omnidoc: '004_a4724366316468b4.txt',
      'oci-hds-client': '003_2ba7308372af85a3.txt',
      'levy-nadlan': '002_0a8e5bf02fe77ff1.txt',
    };
    for (const slug of SEED_SLUGS) {
      const bundle = (await api.http().get(`/api/organisations/${slug}/export`).expect(200)).body;
      for (const list of ['subcontractors', 'certificates', 'engagements', 'treatments']) {
        for (const record of bundle[list] as { key: string; source?: { document: string } }[]) {
          expect({ slug, list, key: record.key, document: record.source?.document.slice(0, 24) }).toEqual({
            slug,
            list,
            key: record.key,
            document: documents[slug],
          });
        }
      }
    }
  });

  it('desmos: §7.1 controller and §7.2 processor treatments, options, §8 certificate dates', async () => {
    const treatments = (await get('desmos/treatments')) as { key: string; role: string; status: string }[];
    expect(treatments.filter((t) => t.role === 'controller')).toHaveLength(5);
    expect(treatments.filter((t) => t.role === 'processor' && t.status === 'active')).toHaveLength(10);
    expect(treatments.filter((t) => t.status === 'option').map((t) => t.key)).toHaveLength(3);
    const aws = await get('desmos/certificates/aws-iso27001-2013-009');
    expect(aws).toMatchObject({ kind: 'iso-27001', number: '2013-009', validTo: '2025-10-31', subcontractor: 'aws' });
    const claranet = await get('desmos/certificates/claranet-iso27001-2020-89559-6');
    expect(claranet).toMatchObject({
      validFrom: '2024-12-10',
      validTo: '2027-01-11',
      issuer: expect.stringContaining('AFNOR'),
    });
    const adri = treatments.find((t) => t.key === 't-adri') as unknown as { dataCategories: { nir?: boolean }[] };
    expect(adri.dataCategories.some((c) => c.nir)).toBe(true);
    const org = await get('desmos');
    expect(org.securityMeasures.length).toBeGreaterThanOrEqual(14);
  });

  it('omnidoc: Annexe 1-II sub-processors with their locations and safeguards, art. 14 terms', async () => {
    const engagements = (await get('omnidoc/engagements')) as {
      provider: string;
      processingCountries?: string[];
      transferSafeguards?: { kind: string }[];
      authorisation?: string;
    }[];
    expect(new Set(engagements.map((e) => e.provider))).toEqual(
      new Set(['ovh', 'partitio', 'twilio', 'mailgun', 'wraptor', 'whereby', 'lifen', 'google', 'hubspot']),
    );
    for (const us of ['twilio', 'mailgun', 'google', 'hubspot']) {
      expect(engagements.find((e) => e.provider === us)?.transferSafeguards?.map((s) => s.kind)).toEqual([
        'scc-unspecified',
      ]);
    }
    expect(engagements.find((e) => e.provider === 'whereby')?.processingCountries).toEqual(['NO']);
    expect(engagements.every((e) => e.authorisation === 'general')).toBe(true);
    const org = await get('omnidoc');
    expect(org.processorTerms).toMatchObject({ breachNoticeHours: 48, objectionWindowDays: 30 });
    expect(org.processorTerms.deadlines).toContainEqual(
      expect.objectContaining({ kind: 'data-subject-request', period: { value: 8, unit: 'working-days' } }),
    );
  });

  it('oci-hds-client: the HDS scope mapped from the contract\'s "couches" to R.1111-9 codes', async () => {
    const org = await get('oci-hds-client');
    expect(org.description).toMatch(/exemple|fictif/i);
    const cert = await get('oci-hds-client/certificates/oci-cloud-hds');
    expect(cert.kind).toBe('hds');
    expect(cert.hdsActivities).not.toContain('administration-operation');
    expect(cert.hdsActivities).toEqual(
      expect.arrayContaining(['hardware', 'physical-sites', 'virtual-infrastructure']),
    );
    const engagement = await get('oci-hds-client/engagements/oci-hds');
    expect(engagement.processingCountries).toEqual(['FR']);
    expect(engagement.deadlines.map((d: { kind: string }) => d.kind)).toEqual(
      expect.arrayContaining(['audit-notice', 'audit-report', 'data-return', 'acknowledgement', 'maintenance-notice']),
    );
  });

  it('levy-nadlan: Israeli controller, agrément history, 72 h breach notice, contract term', async () => {
    const org = await get('levy-nadlan');
    expect(org).toMatchObject({ country: 'IL', registrationId: '513982355', roles: ['controller'] });
    const certificates = (await get('levy-nadlan/certificates')) as { kind: string; validFrom?: string }[];
    expect(certificates.every((c) => c.kind === 'hds-agrement')).toBe(true);
    expect(certificates.map((c) => c.validFrom)).toEqual(expect.arrayContaining(['2013-12-20', '2018-03-15']));
    const hosting = await get('levy-nadlan/engagements/cloud-sante-hebergement');
    expect(hosting.breachNoticeHours).toBe(72);
    expect(hosting.term.terminationNotice).toEqual({ value: 6, unit: 'months' });
    expect(hosting.deadlines).toContainEqual(
      expect.objectContaining({
        kind: 'data-return',
        period: { value: 8, unit: 'calendar-days' },
        nextWorkingDay: true,
      }),
    );
  });
});
