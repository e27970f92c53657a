import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateSubcontractorDto, GuaranteeDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { makeSnapshot } from '../testing';
import { certificateEvidenceMissing } from './certificate-evidence-missing.rule';

function host(guarantees: GuaranteeDto[]): CreateSubcontractorDto {
  return { key: 'host', name: 'Hébergeur', country: 'FR', guarantees };
}

function run(subcontractors: CreateSubcontractorDto[], certificates: CreateCertificateDto[] = []) {
  return certificateEvidenceMissing.evaluate(
    new SnapshotIndex(makeSnapshot({ asOf: '2026-06-01', subcontractors, certificates })),
  );
}

const ISO_CLAIM: GuaranteeDto = { kind: 'iso-27001', text: 'Certifié ISO 27001' };
const HDS_CLAIM: GuaranteeDto = { kind: 'hds', text: 'Certifié HDS' };

describe('certificate.evidence-missing', () => {
  it('reports nothing when a dated certificate of the claimed kind is recorded', () => {
    expect(
      run([host([ISO_CLAIM])], [{ key: 'c', subcontractor: 'host', kind: 'iso-27001', validTo: '2027-01-01' }]),
    ).toEqual([]);
  });

  it('reports a claim with no certificate', () => {
    const findings = run([host([ISO_CLAIM])]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('certificate.evidence-missing');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'subcontractor', id: 'host', name: 'Hébergeur' });
    expect(f.detail).toBe('iso-27001');
    expect(f.evidence).toEqual({ claims: ['Certifié ISO 27001'], kind: 'iso-27001' });
    expect(f.message.fr).toContain('« Certifié ISO 27001 »');
    expect(f.message.fr).toContain('aucun certificat ISO/IEC 27001 daté');
    expect(f.message.en).toContain('no dated ISO/IEC 27001 certificate');
  });

  it('reports a claim whose certificate has no end date', () => {
    const undated: CreateCertificateDto = {
      key: 'c',
      subcontractor: 'host',
      kind: 'iso-27001',
      validFrom: '2024-01-01',
    };
    expect(run([host([ISO_CLAIM])], [undated]).map((f) => f.detail)).toEqual(['iso-27001']);
  });

  it('accepts an HDS certificate dated by its start only (end derived from 3 years)', () => {
    expect(
      run([host([HDS_CLAIM])], [{ key: 'c', subcontractor: 'host', kind: 'hds', validFrom: '2024-01-01' }]),
    ).toEqual([]);
  });

  it('accepts an expired but dated certificate (certificate.expired reports it)', () => {
    expect(
      run([host([ISO_CLAIM])], [{ key: 'c', subcontractor: 'host', kind: 'iso-27001', validTo: '2020-01-01' }]),
    ).toEqual([]);
  });

  it('reports an agrément claim ("HADS") with no certificate, as the HDS family', () => {
    const [f] = run([host([{ kind: 'hds-agrement', text: 'Agréé HADS' }])]);
    expect(f.detail).toBe('hds');
    expect(f.evidence).toEqual({ claims: ['Agréé HADS'], kind: 'hds' });
    expect(f.message.fr).toContain('aucun certificat HDS daté');
  });

  it('groups an HDS claim and an agrément claim in one finding', () => {
    const findings = run([host([HDS_CLAIM, { kind: 'hds-agrement', text: 'Agréé HADS' }])]);
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.claims).toEqual(['Certifié HDS', 'Agréé HADS']);
  });

  it('accepts a dated agrément as evidence of an HDS claim', () => {
    const agr: CreateCertificateDto = {
      key: 'a',
      subcontractor: 'host',
      kind: 'hds-agrement',
      validFrom: '2018-03-15',
    };
    expect(run([host([HDS_CLAIM])], [agr])).toEqual([]);
  });

  it('does not accept a certificate of another kind', () => {
    const hds: CreateCertificateDto = { key: 'c', subcontractor: 'host', kind: 'hds', validTo: '2027-01-01' };
    expect(run([host([ISO_CLAIM])], [hds]).map((f) => f.detail)).toEqual(['iso-27001']);
  });

  it('does not accept a certificate held by another company', () => {
    const other: CreateSubcontractorDto = { key: 'other', name: 'Autre' };
    const cert: CreateCertificateDto = { key: 'c', subcontractor: 'other', kind: 'iso-27001', validTo: '2027-01-01' };
    expect(run([host([ISO_CLAIM]), other], [cert]).map((f) => f.subject.id)).toEqual(['host']);
  });

  it('reports each claimed family separately', () => {
    const findings = run([host([ISO_CLAIM, HDS_CLAIM, { kind: 'soc2', text: 'SOC 2 Type II' }])]);
    expect(findings.map((f) => f.detail)).toEqual(['iso-27001', 'hds', 'soc2']);
  });

  it('ignores guarantees that no certificate proves', () => {
    expect(
      run([
        host([
          { kind: 'dpf', text: 'Certifié Data Privacy Framework' },
          { kind: 'scc', text: 'Clauses contractuelles types 2021' },
          { kind: 'contract', text: 'Engagement contractuel' },
        ]),
      ]),
    ).toEqual([]);
  });
});

describe('certificate.evidence-missing — the organisation itself', () => {
  const org = (guarantees: GuaranteeDto[], certificates: CreateCertificateDto[] = []) =>
    certificateEvidenceMissing.evaluate(
      new SnapshotIndex(
        makeSnapshot({
          organisation: { slug: 'test', name: 'Éditeur', country: 'FR', roles: ['processor'], guarantees },
          certificates,
        }),
      ),
    );

  it("reports the organisation's own claim with no certificate of its own", () => {
    const [f] = org([HDS_CLAIM]);
    expect(f.subject).toEqual({ type: 'organisation', id: 'test', name: 'Éditeur' });
    expect(f.detail).toBe('hds');
    expect(f.message.en).toBe('Éditeur: "Certifié HDS" is claimed, but no dated HDS certificate is recorded.');
  });

  it("is answered by the organisation's own dated certificate, not a subcontractor's", () => {
    const own: CreateCertificateDto = { key: 'own', kind: 'hds', validFrom: '2025-01-01' };
    expect(org([HDS_CLAIM], [own])).toEqual([]);
    expect(org([HDS_CLAIM], [{ ...own, subcontractor: 'host' }])).toHaveLength(1);
  });
});

describe('certificate.evidence-missing, texts and claims', () => {
  it('gives the full messages, reference and remediation, quoting the first claim of a family', () => {
    const [f] = run([host([ISO_CLAIM, { kind: 'iso-27001', text: 'ISO 27001 en cours' }])]);
    expect(f.message).toEqual({
      fr: "Hébergeur : « Certifié ISO 27001 » est affirmé, mais aucun certificat ISO/IEC 27001 daté n'est enregistré.",
      en: 'Hébergeur: "Certifié ISO 27001" is claimed, but no dated ISO/IEC 27001 certificate is recorded.',
    });
    expect(f.evidence).toEqual({ claims: ['Certifié ISO 27001', 'ISO 27001 en cours'], kind: 'iso-27001' });
    expect(f.reference).toEqual({ fr: 'RGPD art. 24(3), 28(1), 28(5)', en: 'GDPR Art. 24(3), 28(1), 28(5)' });
    expect(f.remediation).toEqual({
      fr: 'Obtenir le certificat (numéro, organisme, périmètre, dates de validité) et l’enregistrer.',
      en: 'Obtain the certificate (number, body, scope, validity dates) and record it.',
    });
  });

  it.each([
    ['iso-27701', 'ISO/IEC 27701'],
    ['soc2', 'SOC 2'],
  ] as const)('reports a %s claim with no certificate', (kind, short) => {
    const [f] = run([host([{ kind, text: 'Certifié' }])]);
    expect(f.detail).toBe(kind);
    expect(f.message.en).toBe(`Hébergeur: "Certifié" is claimed, but no dated ${short} certificate is recorded.`);
  });

  it('checks each subcontractor on its own', () => {
    const findings = run([host([ISO_CLAIM]), { key: 'other', name: 'Autre', country: 'FR', guarantees: [HDS_CLAIM] }]);
    expect(findings.map((f) => [f.subject.type, f.subject.id, f.detail])).toEqual([
      ['subcontractor', 'host', 'iso-27001'],
      ['subcontractor', 'other', 'hds'],
    ]);
  });
});
