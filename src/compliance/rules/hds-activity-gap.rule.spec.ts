import type { HdsActivityCode } from '../../reference/hds-activities';
import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { hdsActivityGap } from './hds-activity-gap.rule';

const AS_OF = '2026-06-01';
const HOST: CreateSubcontractorDto = { key: 'host', name: 'Hébergeur', country: 'FR' };
const SUB: CreateSubcontractorDto = { key: 'sub', name: 'Sauvegardes SA', country: 'FR' };

function cert(
  holder: string,
  hdsActivities: HdsActivityCode[] | undefined,
  key = `hds-${holder}`,
): CreateCertificateDto {
  return {
    key,
    subcontractor: holder,
    kind: 'hds',
    hdsReferential: 'v2',
    hdsActivities,
    validFrom: '2025-01-01',
    validTo: '2027-12-31',
  };
}

const hostDoes = (...hdsActivities: HdsActivityCode[]): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  hdsActivities,
});
const subDoes = (...hdsActivities: HdsActivityCode[]): CreateEngagementDto => ({
  key: 'e-sub',
  provider: 'sub',
  client: 'host',
  hdsActivities,
});

interface Scenario {
  asOf?: string;
  subcontractors?: CreateSubcontractorDto[];
  engagements: CreateEngagementDto[];
  certificates?: CreateCertificateDto[];
  treatments?: ReturnType<typeof healthTreatment>[];
}

function run(s: Scenario) {
  return hdsActivityGap.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: s.asOf ?? AS_OF,
        subcontractors: s.subcontractors ?? [HOST, SUB],
        engagements: s.engagements,
        certificates: s.certificates ?? [],
        treatments: s.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

describe('hds.activity-gap', () => {
  it('reports nothing when the certificate covers every activity performed', () => {
    expect(
      run({
        engagements: [hostDoes('virtual-infrastructure', 'backup')],
        certificates: [cert('host', ['virtual-infrastructure', 'backup'])],
      }),
    ).toEqual([]);
  });

  it('reports an activity outside the scope of the valid certificate', () => {
    const findings = run({
      engagements: [hostDoes('virtual-infrastructure', 'backup')],
      certificates: [cert('host', ['virtual-infrastructure'])],
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('hds.activity-gap');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.evidence).toEqual({
      uncovered: [{ code: 'backup', number: 6 }],
      performedBy: { backup: ['Hébergeur'] },
      claimsToVerify: {},
      asOf: AS_OF,
    });
    expect(f.message.fr).toBe(
      'Traitement « Dossier patient » : aucun certificat HDS valide enregistré ne couvre n° 6 Sauvegarde externalisée.',
    );
    expect(f.message.en).toContain('no. 6 Outsourced backup');
  });

  it('names several uncovered activities by their official numbers, in order', () => {
    const [f] = run({
      engagements: [hostDoes('backup', 'physical-sites', 'virtual-infrastructure')],
      certificates: [cert('host', ['virtual-infrastructure'])],
    });
    expect(f.evidence.uncovered).toEqual([
      { code: 'physical-sites', number: 1 },
      { code: 'backup', number: 6 },
    ]);
    expect(f.message.fr).toContain('n° 1 Sites physiques, n° 6 Sauvegarde externalisée');
  });

  it('reports every activity of a host with no certificate at all', () => {
    const [f] = run({ engagements: [hostDoes('virtual-infrastructure')] });
    expect(f.evidence.uncovered).toEqual([{ code: 'virtual-infrastructure', number: 3 }]);
    expect(f.message.fr).toContain('n° 3 Infrastructure virtuelle');
  });

  it('unites the scopes of several certificates of one holder', () => {
    expect(
      run({
        engagements: [hostDoes('virtual-infrastructure', 'backup')],
        certificates: [cert('host', ['virtual-infrastructure'], 'c1'), cert('host', ['backup'], 'c2')],
      }),
    ).toEqual([]);
  });

  it('covers each actor by its own scope along the chain', () => {
    expect(
      run({
        engagements: [hostDoes('virtual-infrastructure'), subDoes('backup')],
        certificates: [cert('host', ['virtual-infrastructure']), cert('sub', ['backup'])],
      }),
    ).toEqual([]);
  });

  it('needs every actor recorded as performing an activity to be certified for it (LEGAL.md §7d)', () => {
    const [f] = run({
      engagements: [hostDoes('virtual-infrastructure', 'backup'), subDoes('backup')],
      certificates: [cert('host', ['virtual-infrastructure']), cert('sub', ['backup'])],
    });
    expect(f.evidence).toMatchObject({
      uncovered: [{ code: 'backup', number: 6 }],
      performedBy: { backup: ['Hébergeur'] },
    });
  });

  it('covers a sub-processor by the certificate of the actor above when the contract says so', () => {
    const covered = { ...subDoes('hardware'), coveredByCertificate: 'hds-host' };
    const certificates = [cert('host', ['virtual-infrastructure', 'hardware'])];
    expect(run({ engagements: [hostDoes('virtual-infrastructure'), covered], certificates })).toEqual([]);
    // Not when that certificate does not cover the activity, has ended, or is not the actor above's.
    const narrow = [cert('host', ['virtual-infrastructure'])];
    expect(run({ engagements: [hostDoes('virtual-infrastructure'), covered], certificates: narrow })).toHaveLength(1);
    const ended = [{ ...cert('host', ['virtual-infrastructure', 'hardware']), validTo: '2026-05-31' }];
    expect(run({ engagements: [hostDoes('virtual-infrastructure'), covered], certificates: ended })).toHaveLength(1);
    const other = { ...HOST, key: 'other', name: 'Autre' };
    const elsewhere = [cert('host', ['virtual-infrastructure']), cert('other', ['hardware'])];
    expect(
      run({
        subcontractors: [HOST, SUB, other],
        engagements: [hostDoes('virtual-infrastructure'), { ...covered, coveredByCertificate: 'hds-other' }],
        certificates: elsewhere,
      }),
    ).toHaveLength(1);
  });

  it('reads HDS activities per service, and a certificate scoped to some services covers only those', () => {
    const perService: CreateEngagementDto = {
      key: 'e-host',
      provider: 'host',
      services: ['Hosted Private Cloud', 'Public Cloud'],
      serviceScopes: [
        { service: 'Hosted Private Cloud', hdsActivities: ['virtual-infrastructure', 'backup'] },
        { service: 'Public Cloud', hdsActivities: ['application-platform'] },
        { service: 'SMS', hdsActivities: [], healthData: false },
      ],
    };
    const scoped = {
      ...cert('host', ['virtual-infrastructure', 'backup', 'application-platform']),
      services: ['Hosted Private Cloud'],
    };
    const [f] = run({ engagements: [perService], certificates: [scoped] });
    expect(f.evidence.uncovered).toEqual([{ code: 'application-platform', number: 4 }]);
    // The same certificate without a list of services covers the whole offer.
    expect(run({ engagements: [perService], certificates: [{ ...scoped, services: undefined }] })).toEqual([]);
    // Names match whatever their case and accents, and when one contains the other.
    const loose = { ...scoped, services: ['hosted private cloud', 'public cloud (HDS)'] };
    expect(run({ engagements: [perService], certificates: [loose] })).toEqual([]);
  });

  it('needs the organisation, as a processor, to be certified for what it performs for its clients', () => {
    const clients = healthTreatment({
      role: 'processor',
      controllers: [{ name: 'Cabinets' }],
      hdsActivitiesInHouse: ['administration-operation'],
      uses: [{ engagement: 'e-host' }],
    });
    const engagements = [hostDoes('virtual-infrastructure')];
    const certificates = [cert('host', ['virtual-infrastructure'])];
    const [f] = run({ engagements, certificates, treatments: [clients] });
    expect(f.evidence).toMatchObject({
      uncovered: [{ code: 'administration-operation', number: 5 }],
      performedBy: { 'administration-operation': ['Clinique Test'] },
    });
    const ours: CreateCertificateDto = {
      ...cert('host', ['administration-operation'], 'hds-own'),
      subcontractor: undefined,
    };
    expect(run({ engagements, certificates: [...certificates, ours], treatments: [clients] })).toEqual([]);
    // A controller's own in-house operations need no certificate.
    const own = healthTreatment({
      hdsActivitiesInHouse: ['administration-operation'],
      uses: [{ engagement: 'e-host' }],
    });
    expect(run({ engagements, certificates, treatments: [own] })).toEqual([]);
  });

  it('follows the chain to an uncovered sub-processor', () => {
    const [f] = run({
      engagements: [hostDoes('virtual-infrastructure'), subDoes('backup')],
      certificates: [cert('host', ['virtual-infrastructure', 'backup']), cert('sub', ['hardware'])],
    });
    expect(f.evidence.uncovered).toEqual([{ code: 'backup', number: 6 }]);
    expect(f.evidence.performedBy).toEqual({ backup: ['Sauvegardes SA'] });
  });

  it('gives unknown coverage, not a gap, for a valid certificate with no recorded scope', () => {
    expect(run({ engagements: [hostDoes('backup')], certificates: [cert('host', undefined)] })).toEqual([]);
  });

  it('counts a claimed certification for nothing, and shows the claim as evidence to verify', () => {
    const claimed = { ...HOST, guarantees: [{ kind: 'hds' as const, text: 'Certifié HDS' }] };
    const [f] = run({ subcontractors: [claimed], engagements: [hostDoes('backup')] });
    expect(f.evidence).toMatchObject({
      uncovered: [{ code: 'backup', number: 6 }],
      claimsToVerify: { Hébergeur: ['Certifié HDS'] },
    });
  });

  it('does not count an expired certificate', () => {
    const expired = { ...cert('host', ['backup']), validTo: '2026-05-31' };
    expect(run({ engagements: [hostDoes('backup')], certificates: [expired] })).toHaveLength(1);
    expect(run({ engagements: [hostDoes('backup')], certificates: [expired], asOf: '2026-05-31' })).toEqual([]);
  });

  it('does not count an expired agrément, even with a matching scope', () => {
    const agrement: CreateCertificateDto = {
      key: 'agr',
      subcontractor: 'host',
      kind: 'hds-agrement',
      hdsActivities: ['backup'],
      validFrom: '2018-03-15',
    };
    expect(run({ engagements: [hostDoes('backup')], certificates: [agrement] }).map((f) => f.subject.id)).toEqual([
      't',
    ]);
  });

  it('excludes an engagement whose contract says it carries no health data', () => {
    expect(run({ engagements: [{ ...hostDoes('backup'), healthData: false }] })).toEqual([]);
  });

  it('ignores treatments without health data', () => {
    const payroll = healthTreatment({
      dataCategories: [{ category: 'identity', label: 'Identité', retention: '5 ans' }],
      uses: [{ engagement: 'e-host' }],
    });
    expect(run({ engagements: [hostDoes('backup')], treatments: [payroll] })).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run({ engagements: [hostDoes('backup')], treatments: [retired] })).toEqual([]);
  });

  it('reports each treatment relying on the gap', () => {
    const findings = run({
      engagements: [hostDoes('backup')],
      treatments: [
        healthTreatment({ key: 't1', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 't2', uses: [{ engagement: 'e-host' }] }),
      ],
    });
    expect(findings.map((f) => f.subject.id)).toEqual(['t1', 't2']);
  });
});

describe('hds.activity-gap, texts and gathering', () => {
  it('gives the English message, the reference and the remediation', () => {
    const [f] = run({ engagements: [hostDoes('hardware', 'backup')] });
    expect(f.message.en).toBe(
      'Treatment "Dossier patient": no valid recorded HDS certificate covers no. 2 Hardware infrastructure, no. 6 Outsourced backup.',
    );
    expect(f.reference).toEqual({ fr: 'CSP L.1111-8, R.1111-9', en: 'CSP L.1111-8, R.1111-9' });
    expect(f.remediation).toEqual({
      fr: 'Obtenir et enregistrer les certificats HDS de ces acteurs couvrant ces activités, faire exercer ces activités par un hébergeur certifié pour elles, ou obtenir l’extension de périmètre du certificat.',
      en: 'Obtain and record these actors’ HDS certificates covering these activities, have the activities performed by a host certified for them, or obtain an extension of the certificate scope.',
    });
  });

  it('names each uncovered actor once per activity, and only uncovered actors', () => {
    const claimedSub = { ...SUB, guarantees: [{ kind: 'hds' as const, text: 'HDS v2' }] };
    const claimedHost = { ...HOST, guarantees: [{ kind: 'hds' as const, text: 'Certifié HDS' }] };
    const [f] = run({
      subcontractors: [claimedHost, claimedSub],
      engagements: [
        hostDoes('virtual-infrastructure', 'backup'),
        { key: 'e-host-2', provider: 'host', hdsActivities: ['backup'] },
        subDoes('backup'),
      ],
      certificates: [cert('host', ['virtual-infrastructure'])],
      treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }, { engagement: 'e-host-2' }] })],
    });
    expect(f.evidence).toEqual({
      uncovered: [{ code: 'backup', number: 6 }],
      performedBy: { backup: ['Hébergeur', 'Sauvegardes SA'] },
      claimsToVerify: { Hébergeur: ['Certifié HDS'], 'Sauvegardes SA': ['HDS v2'] },
      asOf: AS_OF,
    });
  });

  it('reports a later treatment after one with no gap', () => {
    const findings = run({
      engagements: [hostDoes('backup'), { key: 'e-sub', provider: 'sub', hdsActivities: ['hardware'] }],
      certificates: [cert('host', ['backup'])],
      treatments: [
        healthTreatment({ key: 'covered', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 'gap', uses: [{ engagement: 'e-sub' }] }),
      ],
    });
    expect(findings.map((f) => [f.subject.id, f.evidence.uncovered])).toEqual([
      ['gap', [{ code: 'hardware', number: 2 }]],
    ]);
  });
});
