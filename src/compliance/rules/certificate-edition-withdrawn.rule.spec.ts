import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { certificateEditionWithdrawn } from './certificate-edition-withdrawn.rule';

const SUBCONTRACTORS: CreateSubcontractorDto[] = [
  { key: 'host', name: 'Hébergeur', country: 'FR' },
  { key: 'sub', name: 'Sous-traitant', country: 'FR' },
  { key: 'idle', name: 'Inutilisé', country: 'FR' },
];
const ENGAGEMENTS: CreateEngagementDto[] = [
  { key: 'e-host', provider: 'host' },
  { key: 'e-sub', provider: 'sub', client: 'host' },
  { key: 'e-idle', provider: 'idle' },
];

const iso2013 = (overrides: Partial<CreateCertificateDto> = {}): CreateCertificateDto => ({
  key: 'iso',
  subcontractor: 'host',
  kind: 'iso-27001',
  edition: 'ISO/IEC 27001:2013',
  number: 'N-1',
  validFrom: '2023-10-01',
  validTo: '2026-09-30',
  ...overrides,
});

function run(
  certificates: CreateCertificateDto[],
  options: { asOf?: string; treatments?: ReturnType<typeof healthTreatment>[] } = {},
) {
  return certificateEditionWithdrawn.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: options.asOf ?? '2026-06-01',
        subcontractors: SUBCONTRACTORS,
        engagements: ENGAGEMENTS,
        certificates,
        treatments: options.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

describe('certificate.edition-withdrawn', () => {
  it.each(['EN ISO/IEC 27001:2017', 'NF EN ISO/IEC 27001:2017', 'ISO 27001:2013', 'ISO/IEC 27001:2005', '27001:2005'])(
    'reads "%s" as a withdrawn edition, however it is printed',
    (edition) => {
      const [f] = run([iso2013({ edition })], { asOf: '2025-11-01' });
      expect(f.evidence).toMatchObject({ edition, editionValidUntil: '2025-10-31' });
      expect(f.message.fr).toContain(`(imprimé « ${edition} »)`);
      expect(run([iso2013({ edition })], { asOf: '2025-10-31' })).toEqual([]);
    },
  );

  it.each(['ISO/IEC 27001:2022', 'EN ISO/IEC 27001:2023', 'NF EN ISO/IEC 27001:2023 / ISO/IEC 27001:2022'])(
    'keeps "%s" (the current edition) valid to its printed end',
    (edition) => {
      expect(run([iso2013({ edition })], { asOf: '2026-09-30' })).toEqual([]);
    },
  );

  it('accepts an ISO/IEC 27001:2013 certificate up to 31 October 2025 inclusive', () => {
    expect(run([iso2013()], { asOf: '2025-10-31' })).toEqual([]);
  });

  it('reports an ISO/IEC 27001:2013 certificate from 1 November 2025, whatever its printed end', () => {
    const findings = run([iso2013()], { asOf: '2025-11-01' });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('certificate.edition-withdrawn');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'certificate', id: 'iso', name: 'Hébergeur ISO/IEC 27001 N-1' });
    expect(f.evidence).toEqual({
      holder: 'Hébergeur',
      edition: 'ISO/IEC 27001:2013',
      normalisedEdition: '2013',
      editionValidUntil: '2025-10-31',
      printedValidTo: '2026-09-30',
      treatments: ['t'],
    });
    expect(f.message.fr).toBe(
      "Le certificat ISO/IEC 27001:2013 de Hébergeur (imprimé « ISO/IEC 27001:2013 ») n'est plus valable après le 2025-10-31 (fin de l'édition) : il est échu, malgré sa date de fin imprimée (2026-09-30).",
    );
    expect(f.message.en).toContain('is no longer valid after 2025-10-31 (end of the edition): it has ended');
  });

  it('reports an ISO/IEC 27001:2013 certificate with no printed end', () => {
    const undated = iso2013({ validFrom: '2023-01-01', validTo: undefined });
    const findings = run([undated], { asOf: '2026-06-01' });
    expect(findings.map((f) => f.subject.id)).toEqual(['iso']);
    expect(findings[0].message.fr).toContain('(—)');
  });

  it('reads the edition however it is spaced', () => {
    expect(run([iso2013({ edition: 'ISO 27001 : 2013' })]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('accepts the 2022 edition', () => {
    expect(run([iso2013({ edition: 'ISO/IEC 27001:2022' })])).toEqual([]);
  });

  it('says nothing when the edition is not recorded', () => {
    expect(run([iso2013({ edition: undefined })])).toEqual([]);
  });

  it('only looks at ISO/IEC 27001 certificates', () => {
    expect(run([iso2013({ kind: 'iso-27017' })])).toEqual([]);
  });

  it('leaves a 2013 certificate past its printed end to certificate.expired', () => {
    expect(run([iso2013({ validTo: '2026-01-31' })], { asOf: '2026-02-01' })).toEqual([]);
  });

  it('is silenced by a valid 2022 renewal of the same holder ending later', () => {
    const renewal = iso2013({
      key: 'iso-2022',
      edition: 'ISO/IEC 27001:2022',
      validFrom: '2025-09-01',
      validTo: '2028-08-31',
    });
    expect(run([iso2013(), renewal])).toEqual([]);
  });

  it('is not silenced by a renewal held by another company', () => {
    const other = iso2013({
      key: 'iso-sub',
      subcontractor: 'sub',
      edition: 'ISO/IEC 27001:2022',
      validTo: '2028-08-31',
    });
    expect(run([iso2013(), other]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('reports a certificate of a sub-processor reached through the chain', () => {
    const findings = run([iso2013({ key: 'iso-sub', subcontractor: 'sub' })]);
    expect(findings.map((f) => [f.subject.id, f.evidence.holder])).toEqual([['iso-sub', 'Sous-traitant']]);
  });

  it('ignores a certificate of a company no treatment relies on', () => {
    expect(run([iso2013({ subcontractor: 'idle' })])).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run([iso2013()], { treatments: [retired] })).toEqual([]);
  });
});

describe('certificate.edition-withdrawn, texts', () => {
  it('gives the full English message, with a dash for no printed end, the reference and the remediation', () => {
    const [f] = run([iso2013({ validTo: undefined })], { asOf: '2026-06-01' });
    expect(f.message.en).toBe(
      'The ISO/IEC 27001:2013 certificate of Hébergeur (printed "ISO/IEC 27001:2013") is no longer valid after 2025-10-31 (end of the edition): it has ended, despite its printed end date (—).',
    );
    expect(f.message.fr).toBe(
      "Le certificat ISO/IEC 27001:2013 de Hébergeur (imprimé « ISO/IEC 27001:2013 ») n'est plus valable après le 2025-10-31 (fin de l'édition) : il est échu, malgré sa date de fin imprimée (—).",
    );
    expect(f.evidence).toMatchObject({ printedValidTo: null });
    expect(f.reference).toEqual({ fr: 'IAF MD 26 (ISO/IEC 27001:2013)', en: 'IAF MD 26 (ISO/IEC 27001:2013)' });
    expect(f.remediation).toEqual({
      fr: 'Obtenir le certificat ISO/IEC 27001:2022.',
      en: 'Obtain the ISO/IEC 27001:2022 certificate.',
    });
  });

  it('normalises the edition it names: a 2005 certificate is named 2005', () => {
    const [f] = run([iso2013({ edition: 'ISO/IEC 27001:2005' })]);
    expect(f.evidence).toMatchObject({ edition: 'ISO/IEC 27001:2005', normalisedEdition: '2005' });
    expect(f.message.en).toContain('The ISO/IEC 27001:2005 certificate of Hébergeur');
  });

  it("reports the organisation's own withdrawn certificate, and each certificate on its own", () => {
    const own = iso2013({ key: 'own', subcontractor: undefined });
    const sub = iso2013({ key: 'sub-iso', subcontractor: 'sub' });
    const findings = run([own, sub]);
    expect(findings.map((f) => [f.subject.id, f.evidence.holder])).toEqual([
      ['own', 'Clinique Test'],
      ['sub-iso', 'Sous-traitant'],
    ]);
  });
});
