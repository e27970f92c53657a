import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot, organisationWith } from '../testing';
import { hdsCertificationMissing } from './hds-certification-missing.rule';

const AS_OF = '2026-06-01';
const HOST: CreateSubcontractorDto = { key: 'host', name: 'Hébergeur', country: 'FR' };
const SUB: CreateSubcontractorDto = { key: 'sub', name: 'Sauvegardes SA', country: 'FR' };
const HOST_ENGAGEMENT: CreateEngagementDto = {
  key: 'e-host',
  provider: 'host',
  hdsActivities: ['virtual-infrastructure'],
};
const HOST_CERT: CreateCertificateDto = {
  key: 'hds-host',
  subcontractor: 'host',
  kind: 'hds',
  hdsReferential: 'v2',
  hdsActivities: ['virtual-infrastructure', 'application-platform'],
  validFrom: '2025-01-01',
  validTo: '2027-12-31',
};

interface Scenario {
  asOf?: string;
  subcontractors?: CreateSubcontractorDto[];
  engagements?: CreateEngagementDto[];
  certificates?: CreateCertificateDto[];
  treatments?: ReturnType<typeof healthTreatment>[];
}

function run(s: Scenario = {}) {
  return hdsCertificationMissing.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: s.asOf ?? AS_OF,
        subcontractors: s.subcontractors ?? [HOST, SUB],
        engagements: s.engagements ?? [HOST_ENGAGEMENT],
        certificates: s.certificates ?? [],
        treatments: s.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

describe('hds.certification-missing', () => {
  it('reports nothing for a host with a valid HDS certificate', () => {
    expect(run({ certificates: [HOST_CERT] })).toEqual([]);
  });

  it('reports a host performing an HDS activity with no certificate', () => {
    const findings = run();
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('hds.certification-missing');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'subcontractor', id: 'host', name: 'Hébergeur' });
    expect(f.evidence).toEqual({
      holder: 'Hébergeur',
      activities: [{ code: 'virtual-infrastructure', number: 3 }],
      hdsCertificates: [],
      claims: [],
      asOf: AS_OF,
      treatments: ['t'],
    });
    expect(f.message.fr).toContain('Hébergeur exerce n° 3 Infrastructure virtuelle');
    expect(f.message.fr).toContain('sans certificat HDS valide au 2026-06-01');
    expect(f.message.fr).not.toContain('échus');
    expect(f.message.en).toContain('no. 3 Virtual infrastructure');
  });

  it('accepts a certificate on its last day and reports it the day after', () => {
    const cert = { ...HOST_CERT, validTo: AS_OF };
    expect(run({ certificates: [cert] })).toEqual([]);
    expect(run({ certificates: [cert], asOf: '2026-06-02' }).map((f) => f.subject.id)).toEqual(['host']);
  });

  it('does not count a certificate that starts after the date asked', () => {
    expect(run({ certificates: [{ ...HOST_CERT, validFrom: '2026-06-02' }] }).map((f) => f.subject.id)).toEqual([
      'host',
    ]);
  });

  it('does not count an expired agrément (start + 3 years) as an HDS certificate', () => {
    const agrement: CreateCertificateDto = {
      key: 'agr',
      subcontractor: 'host',
      kind: 'hds-agrement',
      validFrom: '2018-03-15',
    };
    const findings = run({ certificates: [agrement] });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.hdsCertificates).toEqual([
      { key: 'agr', kind: 'hds-agrement', validFrom: '2018-03-15', validTo: '2021-03-14' },
    ]);
    expect(findings[0].message.fr).toContain('(seulement des certificats ou agréments échus)');
    expect(findings[0].message.en).toContain('(only ended certificates or agréments)');
  });

  it('accepts an agrément while its derived 3 years run', () => {
    const agrement: CreateCertificateDto = {
      key: 'agr',
      subcontractor: 'host',
      kind: 'hds-agrement',
      validFrom: '2018-03-15',
    };
    expect(run({ certificates: [agrement], asOf: '2021-03-14' })).toEqual([]);
    expect(run({ certificates: [agrement], asOf: '2021-03-15' })).toHaveLength(1);
  });

  it('reports a host with only a claimed HDS certification: a claim is not a certificate (LEGAL.md §7d)', () => {
    const claimed = { ...HOST, guarantees: [{ kind: 'hds' as const, text: 'Certifié HDS' }] };
    const [f] = run({ subcontractors: [claimed] });
    expect(f).toMatchObject({ severity: 'error', subject: { type: 'subcontractor', id: 'host' } });
    expect(f.evidence).toMatchObject({ claims: ['Certifié HDS'], hdsCertificates: [] });
    expect(f.message.fr).toBe(
      "Hébergeur exerce n° 3 Infrastructure virtuelle pour des données de santé sans certificat HDS valide au 2026-06-01 ; « Certifié HDS » est affirmé, mais une affirmation n'est pas un certificat (numéro, organisme, activités, référentiel, dates).",
    );
    expect(f.message.en).toContain('"Certifié HDS" is claimed, but a claim is no certificate');
  });

  it('reports a claimed HDS host whose certificate on file has a scope but no dates', () => {
    const claimed = { ...HOST, guarantees: [{ kind: 'hds' as const, text: 'Certifié HDS' }] };
    const undated = { ...HOST_CERT, validFrom: undefined, validTo: undefined };
    const [f] = run({ subcontractors: [claimed], certificates: [undated] });
    expect(f.evidence.hdsCertificates).toEqual([{ key: 'hds-host', kind: 'hds', validFrom: null, validTo: null }]);
  });

  it('reports a host by its claim even when no HDS activity is recorded for it', () => {
    const claimed = { ...HOST, guarantees: [{ kind: 'hds' as const, text: 'Certifié HADS' }] };
    const [f] = run({ subcontractors: [claimed], engagements: [{ key: 'e-host', provider: 'host' }] });
    expect(f.evidence.activities).toEqual([]);
    expect(f.message.fr).toContain('Hébergeur héberge des données de santé sans certificat HDS valide');
    expect(f.message.en).toContain('Hébergeur hosts health data with no HDS certificate');
    // With a valid certificate on file, the host is certified (its scope is hds.scope-unknown's business).
    expect(
      run({ subcontractors: [claimed], engagements: [{ key: 'e-host', provider: 'host' }], certificates: [HOST_CERT] }),
    ).toEqual([]);
  });

  it('reports a host with only an ended HDS certificate and no recorded activity', () => {
    const ended = { ...HOST_CERT, validFrom: '2022-01-01', validTo: '2024-12-31' };
    const [f] = run({ engagements: [{ key: 'e-host', provider: 'host' }], certificates: [ended] });
    expect(f.subject.id).toBe('host');
    expect(f.message.fr).toContain('(seulement des certificats ou agréments échus)');
  });

  it('accepts a sub-processor covered by the valid certificate of the actor above', () => {
    const sub: CreateEngagementDto = {
      key: 'e-sub',
      provider: 'sub',
      client: 'host',
      hdsActivities: ['hardware'],
      coveredByCertificate: 'hds-host',
    };
    expect(run({ engagements: [HOST_ENGAGEMENT, sub], certificates: [HOST_CERT] })).toEqual([]);
    // The cover ends with that certificate.
    expect(
      run({ engagements: [HOST_ENGAGEMENT, sub], certificates: [HOST_CERT], asOf: '2028-01-01' }).map(
        (f) => f.subject.id,
      ),
    ).toEqual(['host', 'sub']);
  });

  it('reports the organisation itself when, as a processor, it performs HDS activities for its clients', () => {
    const clients = healthTreatment({
      role: 'processor',
      controllers: [{ name: 'Cabinets' }],
      hdsActivitiesInHouse: ['administration-operation', 'backup'],
      uses: [{ engagement: 'e-host' }],
    });
    const findings = run({ treatments: [clients], certificates: [HOST_CERT] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.subject).toEqual({ type: 'organisation', id: 'test', name: 'Clinique Test' });
    expect(f.evidence).toMatchObject({
      activities: [
        { code: 'administration-operation', number: 5 },
        { code: 'backup', number: 6 },
      ],
      treatments: ['t'],
    });
    expect(f.message.fr).toBe(
      'Clinique Test exerce n° 5 Administration et exploitation, n° 6 Sauvegarde externalisée pour les données de santé de ses clients (t) sans certificat HDS valide au 2026-06-01 ; seules les opérations du responsable pour son propre compte sont exemptées.',
    );
    expect(f.reference.en).toBe('CSP L.1111-8, R.1111-9 (hosting for others)');
    // Its own certificate answers it; a controller's in-house operations never needed one.
    const own: CreateCertificateDto = { ...HOST_CERT, key: 'hds-own', subcontractor: undefined };
    expect(run({ treatments: [clients], certificates: [HOST_CERT, own] })).toEqual([]);
    const controller = healthTreatment({ hdsActivitiesInHouse: ['backup'], uses: [{ engagement: 'e-host' }] });
    expect(run({ treatments: [controller], certificates: [HOST_CERT] })).toEqual([]);
  });

  it('says "échus" only when an ended HDS certificate is on file', () => {
    const ended = { ...HOST_CERT, validFrom: '2022-01-01', validTo: '2024-12-31' };
    const withEnded = run({ certificates: [ended] });
    expect(withEnded.map((f) => f.subject.id)).toEqual(['host']);
    expect(withEnded[0].message.fr).toContain('échus');
    const withNone = run({ certificates: [] });
    expect(withNone.map((f) => f.subject.id)).toEqual(['host']);
    expect(withNone[0].message.fr).not.toContain('échus');
  });

  it('reports an agrément claim like any claim, with the claim as evidence', () => {
    const claimed = { ...HOST, guarantees: [{ kind: 'hds-agrement' as const, text: 'Agréé HADS' }] };
    const findings = run({ subcontractors: [claimed] });
    expect(findings.map((f) => f.subject.id)).toEqual(['host']);
    expect(findings[0].evidence.claims).toEqual(['Agréé HADS']);
  });

  it('reports an HDS claim when only an expired certificate is on file', () => {
    const claimed = { ...HOST, guarantees: [{ kind: 'hds' as const, text: 'Certifié HDS' }] };
    const expired = { ...HOST_CERT, validFrom: '2022-01-01', validTo: '2024-12-31' };
    expect(run({ subcontractors: [claimed], certificates: [expired] }).map((f) => f.subject.id)).toEqual(['host']);
  });

  it('does not count a certificate of another kind', () => {
    const iso: CreateCertificateDto = { key: 'iso', subcontractor: 'host', kind: 'iso-27001', validTo: '2027-01-01' };
    expect(run({ certificates: [iso] }).map((f) => f.subject.id)).toEqual(['host']);
  });

  it('excludes an engagement whose contract says it carries no health data', () => {
    expect(run({ engagements: [{ ...HOST_ENGAGEMENT, healthData: false }] })).toEqual([]);
  });

  it('leaves an engagement with no recorded HDS activity to hds.scope-unknown', () => {
    expect(run({ engagements: [{ key: 'e-host', provider: 'host', healthData: true }] })).toEqual([]);
  });

  it('ignores treatments without health data', () => {
    const payroll = healthTreatment({
      dataCategories: [{ category: 'identity', label: 'Identité', retention: '5 ans' }],
      uses: [{ engagement: 'e-host' }],
    });
    expect(run({ treatments: [payroll] })).toEqual([]);
  });

  it('ignores retired treatments', () => {
    expect(run({ treatments: [healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] })] })).toEqual([]);
  });

  it('follows the chain to a sub-processor of the host', () => {
    const findings = run({
      engagements: [HOST_ENGAGEMENT, { key: 'e-sub', provider: 'sub', client: 'host', hdsActivities: ['backup'] }],
      certificates: [HOST_CERT],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'subcontractor', id: 'sub', name: 'Sauvegardes SA' });
    expect(findings[0].evidence.activities).toEqual([{ code: 'backup', number: 6 }]);
    expect(findings[0].message.fr).toContain('n° 6 Sauvegarde externalisée');
  });

  it('gathers the activities and treatments of one holder in one finding, by official number', () => {
    const findings = run({
      engagements: [
        { key: 'e-host', provider: 'host', hdsActivities: ['backup', 'virtual-infrastructure'] },
        { key: 'e-host-2', provider: 'host', hdsActivities: ['hardware'] },
      ],
      treatments: [
        healthTreatment({ key: 't1', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 't2', uses: [{ engagement: 'e-host-2' }] }),
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.activities).toEqual([
      { code: 'hardware', number: 2 },
      { code: 'virtual-infrastructure', number: 3 },
      { code: 'backup', number: 6 },
    ]);
    expect(findings[0].evidence.treatments).toEqual(['t1', 't2']);
    expect(findings[0].message.fr).toContain(
      'n° 2 Infrastructure matérielle, n° 3 Infrastructure virtuelle, n° 6 Sauvegarde externalisée',
    );
  });
});

describe('hds.certification-missing, wording', () => {
  const claiming = (text: string, kind: 'hds' | 'hds-agrement' = 'hds') => ({ ...HOST, guarantees: [{ kind, text }] });

  it('gives the full texts of a provider finding in both languages', () => {
    const ended = { ...HOST_CERT, validFrom: '2022-01-01', validTo: '2024-12-31' };
    const [f] = run({ subcontractors: [claiming('Certifié HDS')], certificates: [ended] });
    expect(f.message).toEqual({
      fr: "Hébergeur exerce n° 3 Infrastructure virtuelle pour des données de santé sans certificat HDS valide au 2026-06-01 (seulement des certificats ou agréments échus) ; « Certifié HDS » est affirmé, mais une affirmation n'est pas un certificat (numéro, organisme, activités, référentiel, dates).",
      en: 'Hébergeur performs no. 3 Virtual infrastructure for health data with no HDS certificate valid on 2026-06-01 (only ended certificates or agréments); "Certifié HDS" is claimed, but a claim is no certificate (number, body, activities, référentiel, dates).',
    });
    expect(f.reference).toEqual({ fr: 'CSP L.1111-8, R.1111-9', en: 'CSP L.1111-8, R.1111-9' });
    expect(f.remediation).toEqual({
      fr: 'Obtenir et enregistrer le certificat HDS en cours de validité couvrant ces activités (numéro, organisme, activités, référentiel, dates), ou confier ces activités à un hébergeur certifié.',
      en: 'Obtain and record a current HDS certificate covering these activities (number, body, activities, référentiel, dates), or move them to a certified host.',
    });
    expect(f.evidence.hdsCertificates).toEqual([
      { key: 'hds-host', kind: 'hds', validFrom: '2022-01-01', validTo: '2024-12-31' },
    ]);
  });

  it('gives the plain texts of a provider finding with no claim and no certificate', () => {
    const [f] = run();
    expect(f.message).toEqual({
      fr: 'Hébergeur exerce n° 3 Infrastructure virtuelle pour des données de santé sans certificat HDS valide au 2026-06-01.',
      en: 'Hébergeur performs no. 3 Virtual infrastructure for health data with no HDS certificate valid on 2026-06-01.',
    });
  });

  it('does not count as ended a certificate that has not started yet', () => {
    const future = { ...HOST_CERT, validFrom: '2026-07-01', validTo: '2029-06-30' };
    const [f] = run({ certificates: [future] });
    expect(f.message.fr).not.toContain('échus');
    expect(f.message.en).not.toContain('ended');
  });

  it('quotes an HDS claim in full up to 160 characters, and cut to 157 with an ellipsis beyond', () => {
    const exact = 'C'.repeat(160);
    const [f] = run({ subcontractors: [claiming(exact)] });
    expect(f.message.fr).toContain(`« ${exact} »`);
    expect(f.message.en).toContain(`"${exact}"`);
    const long = `${'D'.repeat(157)}XYZW`;
    const [g] = run({ subcontractors: [claiming(long)] });
    expect(g.message.fr).toContain(`« ${'D'.repeat(157)}… »`);
    expect(g.message.en).toContain(`"${'D'.repeat(157)}…"`);
    expect(g.evidence.claims).toEqual([long]);
  });

  it('quotes only a claim of current certification, never an agrément claim', () => {
    const [f] = run({ subcontractors: [claiming('Agréé HADS', 'hds-agrement')] });
    expect(f.message.fr).toBe(
      'Hébergeur exerce n° 3 Infrastructure virtuelle pour des données de santé sans certificat HDS valide au 2026-06-01.',
    );
    const both = {
      ...HOST,
      guarantees: [
        { kind: 'hds-agrement' as const, text: 'Agréé HADS' },
        { kind: 'hds' as const, text: 'Certifié HDS v2' },
      ],
    };
    const [g] = run({ subcontractors: [both] });
    expect(g.message.fr).toContain('« Certifié HDS v2 » est affirmé');
    expect(g.message.fr).not.toContain('Agréé HADS');
    expect(g.evidence.claims).toEqual(['Agréé HADS', 'Certifié HDS v2']);
  });

  it('names by its key a provider missing from the subcontractors', () => {
    const [f] = run({ subcontractors: [] });
    expect(f.subject).toEqual({ type: 'subcontractor', id: 'host', name: 'host' });
    expect(f.evidence.holder).toBe('host');
    expect(f.message.fr).toContain('host exerce n° 3');
  });

  it('gives the full texts of a finding on the organisation itself, with its claim and ended certificate', () => {
    const clients = healthTreatment({
      key: 'clients',
      role: 'processor',
      controllers: [{ name: 'Cabinets' }],
      hdsActivitiesInHouse: ['backup'],
      uses: [{ engagement: 'e-host' }],
    });
    const ownEnded: CreateCertificateDto = {
      ...HOST_CERT,
      key: 'hds-own',
      subcontractor: undefined,
      validFrom: '2021-01-01',
      validTo: '2023-12-31',
    };
    const findings = run({
      treatments: [clients],
      certificates: [HOST_CERT, ownEnded],
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.message.en).toBe(
      "Clinique Test performs no. 6 Outsourced backup for its clients' health data (clients) with no HDS certificate valid on 2026-06-01 (only ended certificates or agréments); only a controller's own operations are exempt.",
    );
    expect(f.message.fr).toBe(
      'Clinique Test exerce n° 6 Sauvegarde externalisée pour les données de santé de ses clients (clients) sans certificat HDS valide au 2026-06-01 (seulement des certificats ou agréments échus) ; seules les opérations du responsable pour son propre compte sont exemptées.',
    );
    expect(f.reference.fr).toBe('CSP L.1111-8, R.1111-9 (hébergement pour le compte d’autrui)');
    expect(f.remediation).toEqual({
      fr: "Obtenir la certification HDS pour ces activités (hébergeur infogéreur), ou les confier contractuellement à un hébergeur certifié qui les exerce pour les clients ; l'enregistrer comme certificat de l'organisation.",
      en: "Obtain HDS certification for these activities (managed hosting), or have a certified host perform them for the clients under contract; record it as the organisation's certificate.",
    });
    expect(f.evidence).toEqual({
      holder: 'Clinique Test',
      activities: [{ code: 'backup', number: 6 }],
      hdsCertificates: [{ key: 'hds-own', kind: 'hds', validFrom: '2021-01-01', validTo: '2023-12-31' }],
      claims: [],
      asOf: AS_OF,
      treatments: ['clients'],
    });
  });

  it("quotes the organisation's own HDS claim", () => {
    const clients = healthTreatment({
      role: 'processor',
      controllers: [{ name: 'Cabinets' }],
      hdsActivitiesInHouse: ['backup'],
      uses: [{ engagement: 'e-host' }],
    });
    const findings = hdsCertificationMissing.evaluate(
      new SnapshotIndex(
        makeSnapshot({
          asOf: AS_OF,
          organisation: organisationWith({ guarantees: [{ kind: 'hds', text: 'Hébergeur certifié HDS' }] }),
          subcontractors: [HOST],
          engagements: [HOST_ENGAGEMENT],
          certificates: [HOST_CERT],
          treatments: [clients],
        }),
      ),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message.fr).toContain(
      "sont exemptées ; « Hébergeur certifié HDS » est affirmé, mais une affirmation n'est pas un certificat",
    );
    expect(findings[0].message.en).toContain(
      'are exempt; "Hébergeur certifié HDS" is claimed, but a claim is no certificate',
    );
    expect(findings[0].evidence.claims).toEqual(['Hébergeur certifié HDS']);
  });

  it('reports a host holding an HDS certificate it cannot use, with no activity and no claim', () => {
    const future = { ...HOST_CERT, validFrom: '2026-07-01', validTo: '2029-06-30' };
    const [f] = run({ engagements: [{ key: 'e-host', provider: 'host' }], certificates: [future] });
    expect(f.subject.id).toBe('host');
    expect(f.message.en).toBe('Hébergeur hosts health data with no HDS certificate valid on 2026-06-01.');
  });

  it('reports the organisation once for several client treatments, and a provider alongside it', () => {
    const clients = (key: string) =>
      healthTreatment({
        key,
        role: 'processor',
        controllers: [{ name: 'Cabinets' }],
        hdsActivitiesInHouse: ['backup'],
        uses: [{ engagement: 'e-host' }],
      });
    const findings = run({ treatments: [clients('c1'), clients('c2')] });
    expect(findings.map((f) => [f.subject.type, f.subject.id, f.evidence.treatments])).toEqual([
      ['subcontractor', 'host', ['c1', 'c2']],
      ['organisation', 'test', ['c1', 'c2']],
    ]);
  });
});
