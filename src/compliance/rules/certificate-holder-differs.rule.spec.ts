import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { certificateHolderDiffers, sameEntity } from './certificate-holder-differs.rule';

const cert = (overrides: Partial<CreateCertificateDto> = {}): CreateCertificateDto => ({
  key: 'c',
  subcontractor: 'aws',
  kind: 'iso-27001',
  edition: 'ISO/IEC 27001:2022',
  validFrom: '2025-01-01',
  validTo: '2027-12-31',
  certifiedEntity: 'Amazon Web Services, Inc. and its affiliates',
  certifiedEntityCountry: 'US',
  ...overrides,
});

function run(certificates: CreateCertificateDto[], legalName?: string) {
  return certificateHolderDiffers.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        subcontractors: [{ key: 'aws', name: 'AWS', legalName }],
        engagements: [{ key: 'e', provider: 'aws' }],
        certificates,
        treatments: [healthTreatment({ uses: [{ engagement: 'e' }] })],
      }),
    ),
  );
}

describe('certificate.holder-differs', () => {
  it('tells entities apart by their names, not by legal forms, punctuation or initials', () => {
    expect(sameEntity('Amazon Web Services EMEA SARL', 'Amazon Web Services, Inc. and its affiliates')).toBe(false);
    expect(sameEntity('Amazon Web Services, Inc.', 'AMAZON WEB SERVICES INC')).toBe(true);
    expect(sameEntity('AWS', 'Amazon Web Services, Inc.')).toBe(true);
    expect(sameEntity('CLARANET SAS', 'CLARANET (Groupe Claranet France)')).toBe(true);
    expect(sameEntity('OVH SAS', 'OVH Groupe SA')).toBe(true);
    expect(sameEntity('Société Générale', 'Orange Business')).toBe(false);
  });

  it('reports, as information, an ISO certificate naming another entity than the contracting one', () => {
    const findings = run([cert()], 'Amazon Web Services EMEA SARL');
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      ruleId: 'certificate.holder-differs',
      severity: 'info',
      subject: { type: 'certificate', id: 'c' },
    });
    expect(f.evidence).toEqual({
      certifiedEntity: 'Amazon Web Services, Inc. and its affiliates',
      certifiedEntityCountry: 'US',
      contractingEntity: 'Amazon Web Services EMEA SARL',
      treatments: ['t'],
    });
    expect(f.message.en).toBe(
      'ISO/IEC 27001: the certificate names "Amazon Web Services, Inc. and its affiliates" (United States of America), the contracting entity is "Amazon Web Services EMEA SARL".',
    );
  });

  it('warns for an HDS certificate: the entity performing the activities must itself be certified', () => {
    const [f] = run([cert({ kind: 'hds', edition: undefined, certifiedEntityCountry: undefined })], 'AWS EMEA SARL');
    expect(f.severity).toBe('warning');
    expect(f.reference.en).toBe('CSP L.1111-8, R.1111-9');
    expect(f.message.fr).toContain("l'entité qui exerce les activités HDS doit elle-même être certifiée");
  });

  it('says nothing without both names, for the same entity, or for a certificate nobody relies on', () => {
    expect(run([cert()])).toEqual([]);
    expect(run([cert({ certifiedEntity: undefined })], 'Amazon Web Services EMEA SARL')).toEqual([]);
    expect(run([cert()], 'Amazon Web Services, Inc.')).toEqual([]);
    const idle = cert({ subcontractor: 'idle' });
    expect(
      certificateHolderDiffers.evaluate(
        new SnapshotIndex(
          makeSnapshot({
            subcontractors: [{ key: 'idle', name: 'Idle', legalName: 'Idle SAS' }],
            certificates: [idle],
          }),
        ),
      ),
    ).toEqual([]);
  });

  it("compares the organisation's own certificate with the organisation's name", () => {
    const own = cert({ subcontractor: undefined, certifiedEntity: 'Groupe Santé Holding' });
    expect(run([own]).map((f) => f.evidence.contractingEntity)).toEqual(['Clinique Test']);
  });
});
