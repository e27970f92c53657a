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

describe('sameEntity, edge cases', () => {
  it('reads initials either way, but never the initial of a single word', () => {
    expect(sameEntity('Amazon Web Services', 'AWS')).toBe(true);
    expect(sameEntity('AWS', 'Amazon Web Services')).toBe(true);
    expect(sameEntity('Orange', 'O')).toBe(false);
    expect(sameEntity('O', 'Orange')).toBe(false);
    expect(sameEntity('Amazon Web Services', 'AWX')).toBe(false);
  });

  it('takes a name of legal forms only, or of nothing, as telling nothing apart', () => {
    expect(sameEntity('SAS', 'Orange Business')).toBe(true);
    expect(sameEntity('Orange Business', '(Groupe)')).toBe(true);
    expect(sameEntity('Orange Business', '')).toBe(true);
  });

  it('sets aside parentheses, nested ones too, punctuation and accents', () => {
    expect(sameEntity('Santé Cloud (filiale (France) du groupe)', 'SANTE CLOUD')).toBe(true);
    expect(sameEntity('Santé-Cloud', 'Sante Cloud SAS')).toBe(true);
    expect(sameEntity('Santé Cloud Europe', 'Santé Cloud')).toBe(false);
  });
});

describe('certificate.holder-differs, texts', () => {
  it('gives the French message of an ISO certificate, with the country, and the GDPR reference', () => {
    const [f] = run([cert()], 'Amazon Web Services EMEA SARL');
    expect(f.message.fr).toBe(
      "ISO/IEC 27001 : le certificat est au nom de « Amazon Web Services, Inc. and its affiliates » (États-Unis d'Amérique), l'entité contractante est « Amazon Web Services EMEA SARL ».",
    );
    expect(f.reference).toEqual({ fr: 'RGPD art. 28(1)', en: 'GDPR Art. 28(1)' });
    expect(f.remediation).toEqual({
      fr: "Obtenir le certificat de l'entité contractante, ou la preuve que le périmètre du certificat l'inclut (liste des entités et sites couverts).",
      en: 'Obtain the contracting entity’s certificate, or evidence that the certificate’s scope includes it (list of entities and sites covered).',
    });
  });

  it('gives both messages of an HDS certificate with no country', () => {
    const [f] = run([cert({ kind: 'hds', edition: undefined, certifiedEntityCountry: undefined })], 'AWS EMEA SARL');
    expect(f.message).toEqual({
      fr: "HDS : le certificat est au nom de « Amazon Web Services, Inc. and its affiliates », l'entité contractante est « AWS EMEA SARL » ; l'entité qui exerce les activités HDS doit elle-même être certifiée.",
      en: 'HDS: the certificate names "Amazon Web Services, Inc. and its affiliates", the contracting entity is "AWS EMEA SARL"; the entity performing the HDS activities must itself be certified.',
    });
    expect(f.reference.fr).toBe('CSP L.1111-8, R.1111-9');
    expect(f.evidence.certifiedEntityCountry).toBeNull();
    expect(f.subject).toEqual({ type: 'certificate', id: 'c', name: 'AWS HDS' });
  });

  it('warns for an HDS agrément too (one family)', () => {
    const agrement = cert({ kind: 'hds-agrement', edition: undefined, validTo: undefined, validFrom: '2024-01-01' });
    expect(run([agrement], 'AWS EMEA SARL').map((f) => f.severity)).toEqual(['warning']);
  });
});
