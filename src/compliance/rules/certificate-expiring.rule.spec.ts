import type { CreateOrganisationDto } from '../../organisations/organisation.dto';
import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import { healthTreatment, HOSTING_CHAIN, isoCertificate, organisationWith, runRule, treatmentUsing } from '../testing';
import { certificateExpiring } from './certificate-expiring.rule';

const AS_OF = '2026-06-01';
const organisation = (expiryHorizonDays: number) => organisationWith({ settings: { expiryHorizonDays } });

const iso = (overrides: Partial<CreateCertificateDto> = {}) =>
  isoCertificate({ validFrom: '2023-09-01', validTo: '2026-08-30', ...overrides });

function run(
  certificates: CreateCertificateDto[],
  options: {
    asOf?: string;
    organisation?: CreateOrganisationDto;
    treatments?: ReturnType<typeof healthTreatment>[];
  } = {},
) {
  return runRule(certificateExpiring, {
    asOf: options.asOf ?? AS_OF,
    organisation: options.organisation,
    ...HOSTING_CHAIN,
    certificates,
    treatments: options.treatments ?? [treatmentUsing('e-host')],
  });
}

describe('certificate.expiring', () => {
  it('warns with 90 days left under the default horizon', () => {
    const findings = run([iso({ validTo: '2026-08-30' })]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('certificate.expiring');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'certificate', id: 'iso', name: 'Hébergeur ISO/IEC 27001 N-1' });
    expect(f.evidence).toEqual({
      holder: 'Hébergeur',
      kind: 'iso-27001',
      validTo: '2026-08-30',
      endDerived: false,
      daysLeft: 90,
      endSource: 'printed',
      horizonDays: 90,
      asOf: AS_OF,
      treatments: ['t'],
    });
    expect(f.message.fr).toContain('expire dans 90 jour(s), le 2026-08-30');
    expect(f.message.en).toContain('expires in 90 day(s), on 2026-08-30');
  });

  it('says nothing with 91 days left under the default horizon', () => {
    expect(run([iso({ validTo: '2026-08-31' })])).toEqual([]);
  });

  it('warns with 0 days left when the last day is the date asked', () => {
    const findings = run([iso({ validTo: AS_OF })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.daysLeft).toBe(0);
    expect(findings[0].message.fr).toContain("expire aujourd'hui (2026-06-01, dernier jour de validité)");
    expect(findings[0].message.en).toContain('expires today (2026-06-01, last valid day)');
  });

  it('leaves a certificate past its last day to certificate.expired', () => {
    expect(run([iso({ validTo: '2026-05-31' })])).toEqual([]);
  });

  it("takes the horizon from the organisation's settings", () => {
    const findings = run([iso({ validTo: '2026-07-01' })], { organisation: organisation(30) });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ daysLeft: 30, horizonDays: 30 });
    expect(run([iso({ validTo: '2026-07-02' })], { organisation: organisation(30) })).toEqual([]);
  });

  it('uses a longer horizon from the settings', () => {
    const findings = run([iso({ validTo: '2026-11-28' })], { organisation: organisation(180) });
    expect(findings.map((f) => f.evidence.daysLeft)).toEqual([180]);
    expect(run([iso({ validTo: '2026-11-28' })])).toEqual([]);
  });

  it('is silenced by a renewal of the same holder and kind, valid and ending later', () => {
    const renewal = iso({ key: 'iso-2', number: 'N-2', validFrom: '2026-05-01', validTo: '2029-04-30' });
    expect(run([iso(), renewal])).toEqual([]);
  });

  it('brings the end of an ISO/IEC 27001:2013 certificate forward to 31 October 2025', () => {
    const old = iso({ edition: 'ISO/IEC 27001:2013', validTo: '2026-05-31' });
    const findings = run([old], { asOf: '2025-09-01' });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toEqual({
      holder: 'Hébergeur',
      kind: 'iso-27001',
      validTo: '2025-10-31',
      endDerived: true,
      daysLeft: 60,
      endSource: 'edition-withdrawn',
      horizonDays: 90,
      asOf: '2025-09-01',
      treatments: ['t'],
    });
  });

  it('is silenced by a renewal recorded ahead that starts the day after, not one that leaves a gap', () => {
    const old = iso({ validFrom: '2023-07-01', validTo: '2026-06-30' });
    const renewal = iso({ key: 'iso-2', number: 'N-2', validFrom: '2026-07-01', validTo: '2029-06-30' });
    expect(run([old, renewal])).toEqual([]);
    const late = iso({ key: 'iso-2', number: 'N-2', validFrom: '2026-07-05', validTo: '2029-06-30' });
    const findings = run([old, late]);
    expect(findings.map((f) => f.subject.id)).toEqual(['iso']);
    expect(findings[0].evidence).toMatchObject({ validTo: '2026-06-30', daysLeft: 29 });
  });

  it('is not silenced by a valid certificate of another kind', () => {
    const hds: CreateCertificateDto = { key: 'hds', subcontractor: 'host', kind: 'hds', validTo: '2029-01-01' };
    expect(run([iso(), hds]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('reports only the later of two overlapping certificates of the same kind', () => {
    const earlier = iso({ key: 'iso-0', validTo: '2026-06-15' });
    expect(run([earlier, iso()]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('says nothing about a certificate that is not valid yet', () => {
    expect(run([iso({ validFrom: '2026-06-02', validTo: '2026-06-30' })])).toEqual([]);
  });

  it('uses the derived end of an HDS certificate with no printed end', () => {
    const hds: CreateCertificateDto = { key: 'hds', subcontractor: 'host', kind: 'hds', validFrom: '2023-06-01' };
    const [f] = run([hds], { asOf: '2026-05-01' });
    expect(f.evidence).toMatchObject({ kind: 'hds', validTo: '2026-05-31', endDerived: true, daysLeft: 30 });
  });

  it('reports a certificate of a sub-processor reached through the chain', () => {
    const findings = run([iso({ key: 'iso-sub', subcontractor: 'sub' })]);
    expect(findings.map((f) => [f.subject.id, f.evidence.holder])).toEqual([['iso-sub', 'Sous-traitant']]);
  });

  it('ignores a certificate of a company no treatment relies on', () => {
    expect(run([iso({ subcontractor: 'idle' })])).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run([iso()], { treatments: [retired] })).toEqual([]);
  });
});

describe('certificate.expiring, texts', () => {
  it('gives the full messages, reference and remediation', () => {
    const [f] = run([iso({ validTo: '2026-06-11' })]);
    expect(f.message).toEqual({
      fr: 'Le certificat ISO/IEC 27001 de Hébergeur expire dans 10 jour(s), le 2026-06-11.',
      en: 'The ISO/IEC 27001 certificate of Hébergeur expires in 10 day(s), on 2026-06-11.',
    });
    expect(f.reference).toEqual({ fr: 'RGPD art. 28(1), 32', en: 'GDPR Art. 28(1), 32' });
    expect(f.remediation).toEqual({
      fr: 'Demander au prestataire son certificat renouvelé (ou la date de l’audit de renouvellement).',
      en: 'Ask the provider for its renewed certificate (or the date of the renewal audit).',
    });
  });

  it('gives the full messages of the last day', () => {
    const [f] = run([iso({ validTo: AS_OF })]);
    expect(f.message).toEqual({
      fr: "Le certificat ISO/IEC 27001 de Hébergeur expire aujourd'hui (2026-06-01, dernier jour de validité).",
      en: 'The ISO/IEC 27001 certificate of Hébergeur expires today (2026-06-01, last valid day).',
    });
  });

  it('says why a derived end is what it is, in both languages', () => {
    const hds: CreateCertificateDto = { key: 'hds', subcontractor: 'host', kind: 'hds', validFrom: '2023-07-01' };
    const [f] = run([hds]);
    expect(f.message).toEqual({
      fr: 'Le certificat HDS de Hébergeur expire dans 29 jour(s), le 2026-06-30 (fin calculée : début + 3 ans).',
      en: 'The HDS certificate of Hébergeur expires in 29 day(s), on 2026-06-30 (computed end: start + 3 years).',
    });
    expect(f.evidence).toMatchObject({ endDerived: true, endSource: 'hds-term', daysLeft: 29 });
    const [today] = run([hds], { asOf: '2026-06-30' });
    expect(today.message.fr).toBe(
      "Le certificat HDS de Hébergeur expire aujourd'hui (2026-06-30, dernier jour de validité) (fin calculée : début + 3 ans).",
    );
    expect(today.message.en).toBe(
      'The HDS certificate of Hébergeur expires today (2026-06-30, last valid day) (computed end: start + 3 years).',
    );
  });

  it('says nothing of a certificate with no known end', () => {
    expect(run([iso({ validTo: undefined })])).toEqual([]);
  });
});
