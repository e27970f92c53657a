import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { hdsReferentialOutdated } from './hds-referential-outdated.rule';

const SUBCONTRACTORS: CreateSubcontractorDto[] = [
  { key: 'host', name: 'Hébergeur', country: 'FR' },
  { key: 'sub', name: 'Sauvegardes SA', country: 'FR' },
];
const HOST_ENGAGEMENT: CreateEngagementDto = {
  key: 'e-host',
  provider: 'host',
  hdsActivities: ['virtual-infrastructure'],
};
const SUB_ENGAGEMENT: CreateEngagementDto = {
  key: 'e-sub',
  provider: 'sub',
  client: 'host',
  hdsActivities: ['backup'],
};

const cert2018 = (overrides: Partial<CreateCertificateDto> = {}): CreateCertificateDto => ({
  key: 'hds-2018',
  subcontractor: 'host',
  kind: 'hds',
  number: 'HDS-18',
  hdsReferential: '2018',
  hdsActivities: ['virtual-infrastructure'],
  validFrom: '2024-01-01',
  validTo: '2026-12-31',
  ...overrides,
});

interface Scenario {
  asOf?: string;
  engagements?: CreateEngagementDto[];
  certificates?: CreateCertificateDto[];
  treatments?: ReturnType<typeof healthTreatment>[];
}

function run(s: Scenario = {}) {
  return hdsReferentialOutdated.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: s.asOf ?? '2026-05-17',
        subcontractors: SUBCONTRACTORS,
        engagements: s.engagements ?? [HOST_ENGAGEMENT],
        certificates: s.certificates ?? [cert2018()],
        treatments: s.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

describe('hds.referential-outdated', () => {
  it('accepts a 2018-référentiel certificate up to 16 May 2026 inclusive', () => {
    expect(run({ asOf: '2026-05-16' })).toEqual([]);
  });

  it('reports a 2018-référentiel certificate from 17 May 2026', () => {
    const findings = run({ asOf: '2026-05-17' });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('hds.referential-outdated');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'certificate', id: 'hds-2018', name: 'Hébergeur HDS HDS-18' });
    expect(f.evidence).toEqual({
      holder: 'Hébergeur',
      referential: '2018',
      validTo: '2026-12-31',
      transitionEnded: '2026-05-16',
      treatments: ['t'],
    });
    expect(f.message.fr).toContain('relève du référentiel 2018 ; depuis le 2026-05-16');
    expect(f.message.en).toContain('since 2026-05-16 only a v2 certification counts');
  });

  it('accepts a v2 certificate after the transition', () => {
    expect(run({ certificates: [cert2018({ hdsReferential: 'v2' })] })).toEqual([]);
  });

  it('accepts a host re-certified under v2 while its 2018 certificate is still on file', () => {
    const v2 = cert2018({
      key: 'hds-v2',
      number: 'HDS-V2',
      hdsReferential: 'v2',
      validFrom: '2025-09-01',
      validTo: '2028-08-31',
    });
    expect(run({ asOf: '2026-06-01', certificates: [cert2018(), v2] })).toEqual([]);
    expect(run({ asOf: '2026-06-01', certificates: [cert2018()] }).map((f) => f.subject.id)).toEqual(['hds-2018']);
  });

  it('leaves an expired 2018-référentiel certificate to certificate.expired', () => {
    expect(run({ certificates: [cert2018({ validTo: '2026-05-16' })] })).toEqual([]);
  });

  it('follows the chain to a sub-processor', () => {
    const findings = run({
      engagements: [HOST_ENGAGEMENT, SUB_ENGAGEMENT],
      certificates: [
        cert2018({ hdsReferential: 'v2' }),
        cert2018({ key: 'hds-sub', subcontractor: 'sub', hdsActivities: ['backup'] }),
      ],
    });
    expect(findings.map((f) => [f.subject.id, f.evidence.holder])).toEqual([['hds-sub', 'Sauvegardes SA']]);
  });

  it('excludes an engagement whose contract says it carries no health data', () => {
    expect(run({ engagements: [{ ...HOST_ENGAGEMENT, healthData: false }] })).toEqual([]);
  });

  it('reports one finding per certificate, listing every treatment', () => {
    const findings = run({
      treatments: [
        healthTreatment({ key: 't1', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 't2', uses: [{ engagement: 'e-host' }] }),
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.treatments).toEqual(['t1', 't2']);
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
});

describe('hds.referential-outdated — a claimed v2 référentiel against a 2018 certificate', () => {
  const claim = (text: string, hdsReferential?: 'v2' | '2018') => ({ kind: 'hds' as const, text, hdsReferential });
  const claimed = (asOf: string, guarantees: ReturnType<typeof claim>[], certificates = [cert2018()]) =>
    hdsReferentialOutdated
      .evaluate(
        new SnapshotIndex(
          makeSnapshot({
            asOf,
            subcontractors: [{ ...SUBCONTRACTORS[0], guarantees }, SUBCONTRACTORS[1]],
            engagements: [HOST_ENGAGEMENT],
            certificates,
            treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
          }),
        ),
      )
      .filter((f) => f.detail === 'claimed-v2');

  it('warns while the 2018 certificate still counts, before the end of the transition', () => {
    const [f] = claimed('2025-06-01', [claim('Certifié HDS v2')]);
    expect(f).toMatchObject({ severity: 'warning', subject: { type: 'certificate', id: 'hds-2018' } });
    expect(f.evidence).toEqual({
      holder: 'Hébergeur',
      claim: 'Certifié HDS v2',
      certificate: 'hds-2018',
      referential: '2018',
      validTo: '2026-12-31',
      transitionEnds: '2026-05-16',
      treatments: ['t'],
    });
    expect(f.message.fr).toBe(
      "Hébergeur affirme le référentiel HDS v2 (« Certifié HDS v2 ») mais le seul certificat enregistré relève du référentiel 2018 (fin 2026-12-31) : l'affirmation n'est pas prouvée.",
    );
  });

  it('is an error after the transition, and also once that certificate has ended', () => {
    expect(claimed('2026-05-17', [claim('Certifié HDS v2')]).map((f) => f.severity)).toEqual(['error']);
    expect(claimed('2027-03-01', [claim('Certifié HDS v2')]).map((f) => f.severity)).toEqual(['error']);
  });

  it.each(['hébergeur certifié HDS V2', 'référentiel HDS 2024', 'certification HDS v.2'])(
    'reads "%s" as a v2 claim',
    (text) => {
      expect(claimed('2025-06-01', [claim(text)])).toHaveLength(1);
    },
  );

  it('follows a recorded référentiel over the words, and ignores claims naming no référentiel or 2018', () => {
    expect(claimed('2025-06-01', [claim('Certifié HDS', 'v2')])).toHaveLength(1);
    expect(claimed('2025-06-01', [claim('Certifié HDS v2', '2018')])).toEqual([]);
    expect(claimed('2025-06-01', [claim('Certifié HDS')])).toEqual([]);
    expect(claimed('2025-06-01', [claim('Certifié HDS (référentiel 2018)')])).toEqual([]);
  });

  it('says nothing when a v2 certificate is on file, or no certificate at all (evidence-missing says it)', () => {
    const v2 = { ...cert2018(), key: 'hds-v2', hdsReferential: 'v2' as const, validTo: '2028-01-01' };
    expect(claimed('2025-06-01', [claim('Certifié HDS v2')], [cert2018(), v2])).toEqual([]);
    expect(claimed('2025-06-01', [claim('Certifié HDS v2')], [])).toEqual([]);
  });

  it('reads the latest of several 2018 certificates', () => {
    const older = { ...cert2018(), key: 'hds-2018-old', validFrom: '2020-01-01', validTo: '2022-12-31' };
    expect(claimed('2025-06-01', [claim('HDS v2')], [older, cert2018()]).map((f) => f.subject.id)).toEqual([
      'hds-2018',
    ]);
  });
});

describe('hds.referential-outdated — wording, agréments and the organisation’s own certificates', () => {
  it('words the finding after the transition in French and English, with its reference and remediation', () => {
    const [f] = run({ asOf: '2026-06-01' });
    expect(f.message).toEqual({
      fr: 'Le certificat HDS de Hébergeur relève du référentiel 2018 ; depuis le 2026-05-16, seule une certification au référentiel v2 vaut.',
      en: "Hébergeur's HDS certificate is under the 2018 référentiel; since 2026-05-16 only a v2 certification counts.",
    });
    expect(f.reference).toEqual({
      fr: 'Arrêté du 26 avril 2024 (référentiel HDS v2)',
      en: 'Arrêté of 26 April 2024 (HDS référentiel v2)',
    });
    expect(f.remediation).toEqual({
      fr: 'Obtenir le certificat HDS v2 de l’hébergeur (ou sa date d’audit) et l’enregistrer.',
      en: "Obtain the host's HDS v2 certificate (or its audit date) and record it.",
    });
    expect(f.detail).toBeUndefined();
  });

  it('reports an agrément after the transition, and not an HDS certificate naming no référentiel', () => {
    const agrement = cert2018({ key: 'agr', kind: 'hds-agrement', number: 'AGR-1', hdsReferential: undefined });
    const findings = run({ certificates: [agrement] });
    expect(findings.map((f) => [f.subject.id, f.evidence.referential])).toEqual([['agr', 'hds-agrement']]);
    expect(run({ certificates: [cert2018({ hdsReferential: undefined })] })).toEqual([]);
  });

  it('does not count a v2 agrément as a re-certification, nor another holder’s v2 certificate', () => {
    const v2Agrement = cert2018({ key: 'agr-v2', kind: 'hds-agrement', hdsReferential: 'v2', validTo: '2028-01-01' });
    // An agrément is no certification under either référentiel after the transition: it is reported too.
    expect(run({ certificates: [cert2018(), v2Agrement] }).map((f) => f.subject.id)).toEqual(['hds-2018', 'agr-v2']);
    const subV2 = cert2018({ key: 'sub-v2', subcontractor: 'sub', hdsReferential: 'v2' });
    expect(
      run({ engagements: [HOST_ENGAGEMENT, SUB_ENGAGEMENT], certificates: [cert2018(), subV2] }).map(
        (f) => f.subject.id,
      ),
    ).toEqual(['hds-2018']);
  });

  it('reads the organisation’s own 2018 certificate when it performs HDS activities for its clients', () => {
    const own = cert2018({ key: 'hds-own', subcontractor: undefined, number: 'OWN-1' });
    const forClients = (role: 'processor' | 'controller') =>
      healthTreatment({
        role,
        controllers: [{ name: 'Cabinets' }],
        hdsActivitiesInHouse: ['administration-operation'],
        uses: [{ engagement: 'e-host' }],
      });
    const v2 = cert2018({ hdsReferential: 'v2' });
    const findings = run({ asOf: '2026-06-01', certificates: [v2, own], treatments: [forClients('processor')] });
    expect(findings.map((f) => [f.subject, f.evidence.holder])).toEqual([
      [{ type: 'certificate', id: 'hds-own', name: 'Clinique Test HDS OWN-1' }, 'Clinique Test'],
    ]);
    expect(run({ asOf: '2026-06-01', certificates: [v2, own], treatments: [forClients('controller')] })).toEqual([]);
  });
});

describe('hds.referential-outdated — the claim, worded', () => {
  const withClaim = (asOf: string, certificates: CreateCertificateDto[]) =>
    hdsReferentialOutdated
      .evaluate(
        new SnapshotIndex(
          makeSnapshot({
            asOf,
            subcontractors: [
              { ...SUBCONTRACTORS[0], guarantees: [{ kind: 'hds', text: 'Certifié HDS v2' }] },
              SUBCONTRACTORS[1],
            ],
            engagements: [HOST_ENGAGEMENT],
            certificates,
            treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
          }),
        ),
      )
      .filter((f) => f.detail === 'claimed-v2');

  it('still only warns on the last day of the transition', () => {
    const [f] = withClaim('2026-05-16', [cert2018()]);
    expect(f.severity).toBe('warning');
    expect(f.ruleId).toBe('hds.referential-outdated');
    expect(f.message.en).toBe(
      'Hébergeur claims the HDS v2 référentiel ("Certifié HDS v2") but the only certificate on file is under the 2018 référentiel (ends 2026-12-31): the claim is not evidenced.',
    );
    expect(f.reference.en).toBe('Arrêté of 26 April 2024 (HDS référentiel v2)');
    expect(f.remediation).toEqual({
      fr: 'Obtenir le certificat HDS v2 (numéro, organisme, activités, dates) et l’enregistrer, ou corriger le document qui l’affirme.',
      en: 'Obtain the HDS v2 certificate (number, body, activities, dates) and record it, or correct the document that claims it.',
    });
  });

  it('reads a certificate with no dates as ended, with no end in the message, after one that has dates', () => {
    const undated = cert2018({ key: 'undated', validFrom: undefined, validTo: undefined });
    const [alone] = withClaim('2025-06-01', [undated]);
    expect(alone).toMatchObject({ severity: 'error', subject: { id: 'undated' } });
    expect(alone.evidence.validTo).toBeNull();
    expect(alone.message.fr).toBe(
      "Hébergeur affirme le référentiel HDS v2 (« Certifié HDS v2 ») mais le seul certificat enregistré relève du référentiel 2018 : l'affirmation n'est pas prouvée.",
    );
    expect(alone.message.en).toBe(
      'Hébergeur claims the HDS v2 référentiel ("Certifié HDS v2") but the only certificate on file is under the 2018 référentiel: the claim is not evidenced.',
    );
    expect(withClaim('2025-06-01', [undated, cert2018()]).map((f) => f.subject.id)).toEqual(['hds-2018']);
    expect(withClaim('2025-06-01', [cert2018(), undated]).map((f) => f.subject.id)).toEqual(['hds-2018']);
  });

  it('ignores an agrément on file: the claim is read against HDS certificates only', () => {
    const agrement = cert2018({ key: 'agr', kind: 'hds-agrement', hdsReferential: undefined });
    expect(withClaim('2025-06-01', [agrement])).toEqual([]);
  });
});
