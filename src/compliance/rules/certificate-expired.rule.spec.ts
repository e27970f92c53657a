import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import { healthTreatment, HOSTING_CHAIN, isoCertificate as iso, runRule, treatmentUsing } from '../testing';
import { certificateExpired } from './certificate-expired.rule';

function run(
  certificates: CreateCertificateDto[],
  options: { asOf?: string; treatments?: ReturnType<typeof healthTreatment>[] } = {},
) {
  return runRule(certificateExpired, {
    asOf: options.asOf,
    ...HOSTING_CHAIN,
    certificates,
    treatments: options.treatments ?? [treatmentUsing('e-host')],
  });
}

describe('certificate.expired', () => {
  it('reports nothing for a certificate valid on the date asked', () => {
    expect(run([iso({ validTo: '2027-01-01' })])).toEqual([]);
  });

  it('treats a certificate whose last day is the date asked as valid that whole day', () => {
    expect(run([iso({ validTo: '2026-06-01' })], { asOf: '2026-06-01' })).toEqual([]);
  });

  it('reports the certificate the day after its last day', () => {
    const findings = run([iso({ validTo: '2026-06-01' })], { asOf: '2026-06-02' });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('certificate.expired');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'certificate', id: 'iso', name: 'Hébergeur ISO/IEC 27001 N-1' });
    expect(f.evidence).toEqual({
      holder: 'Hébergeur',
      kind: 'iso-27001',
      number: 'N-1',
      validFrom: '2023-06-01',
      validTo: '2026-06-01',
      endDerived: false,
      asOf: '2026-06-02',
      treatments: ['t'],
      source: null,
    });
    expect(f.message.fr).toContain('a expiré le 2026-06-01');
    expect(f.message.fr).not.toContain('fin calculée');
    expect(f.message.en).toContain('expired on 2026-06-01');
    expect(f.reference.en).toBe('GDPR Art. 28(1), 32');
  });

  it('cites the public health code for an expired HDS certificate', () => {
    const [f] = run([{ key: 'hds', subcontractor: 'host', kind: 'hds', validTo: '2026-05-31' }]);
    expect(f.ruleId).toBe('certificate.expired');
    expect(f.reference.fr).toBe('CSP L.1111-8, R.1111-10');
  });

  it('ends an agrément with a start and no end after 3 years (derived end)', () => {
    const findings = run([{ key: 'agr', subcontractor: 'host', kind: 'hds-agrement', validFrom: '2018-03-15' }]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.subject).toEqual({ type: 'certificate', id: 'agr', name: 'Hébergeur HDS (agrément)' });
    expect(f.evidence).toMatchObject({ kind: 'hds-agrement', validTo: '2021-03-14', endDerived: true });
    expect(f.message.fr).toContain('L’agrément HDS');
    expect(f.message.fr).toContain('fin calculée : début + 3 ans');
    expect(f.message.en).toContain('computed end: start + 3 years');
  });

  it('keeps an agrément valid on the last day of its derived 3 years', () => {
    const agr: CreateCertificateDto = {
      key: 'agr',
      subcontractor: 'host',
      kind: 'hds-agrement',
      validFrom: '2018-03-15',
    };
    expect(run([agr], { asOf: '2021-03-14' })).toEqual([]);
    expect(run([agr], { asOf: '2021-03-15' })).toHaveLength(1);
  });

  it('derives the end of an HDS certificate with no printed end (start + 3 years − 1 day)', () => {
    const hds: CreateCertificateDto = { key: 'hds', subcontractor: 'host', kind: 'hds', validFrom: '2023-06-01' };
    expect(run([hds], { asOf: '2026-05-31' })).toEqual([]);
    const [f] = run([hds], { asOf: '2026-06-01' });
    expect(f.evidence).toMatchObject({ validTo: '2026-05-31', endDerived: true });
  });

  it('is silenced by a renewal of the same holder and kind valid on the date asked', () => {
    const renewal = iso({ key: 'iso-2', number: 'N-2', validFrom: '2026-05-20', validTo: '2029-05-19' });
    expect(run([iso(), renewal])).toEqual([]);
  });

  it('is silenced by a valid HDS certificate replacing an expired agrément', () => {
    const agr: CreateCertificateDto = {
      key: 'agr',
      subcontractor: 'host',
      kind: 'hds-agrement',
      validFrom: '2018-03-15',
    };
    const hds: CreateCertificateDto = { key: 'hds', subcontractor: 'host', kind: 'hds', validTo: '2027-01-01' };
    expect(run([agr, hds])).toEqual([]);
  });

  it('is not silenced by a renewal that only starts after the date asked', () => {
    const renewal = iso({ key: 'iso-2', validFrom: '2026-07-01', validTo: '2029-06-30' });
    expect(run([iso(), renewal]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('is not silenced by a valid certificate of another kind', () => {
    const hds: CreateCertificateDto = { key: 'hds', subcontractor: 'host', kind: 'hds', validTo: '2027-01-01' };
    expect(run([iso(), hds]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('is not silenced by a valid certificate of the same kind held by another company', () => {
    const other = iso({ key: 'iso-sub', subcontractor: 'sub', validTo: '2028-01-01' });
    expect(run([iso(), other]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('reports only the latest of several expired certificates of a holder and kind', () => {
    const older = iso({ key: 'iso-old', validFrom: '2020-06-01', validTo: '2023-05-31' });
    expect(run([older, iso()]).map((f) => f.subject.id)).toEqual(['iso']);
  });

  it('reports a certificate of a sub-processor reached through the chain', () => {
    const findings = run([iso({ key: 'iso-sub', subcontractor: 'sub' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].subject.id).toBe('iso-sub');
    expect(findings[0].evidence).toMatchObject({ holder: 'Sous-traitant', treatments: ['t'] });
  });

  it('ignores a certificate of a company no treatment relies on', () => {
    expect(run([iso({ subcontractor: 'idle' })])).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run([iso()], { treatments: [retired] })).toEqual([]);
  });

  it('lists every treatment in use relying on the certificate, health data or not', () => {
    const other = healthTreatment({
      key: 't2',
      name: 'Paie',
      dataCategories: [{ category: 'identity', label: 'Identité', retention: '5 ans' }],
      uses: [{ engagement: 'e-host' }],
    });
    const [f] = run([iso()], { treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] }), other] });
    expect(f.evidence.treatments).toEqual(['t', 't2']);
    expect(f.message.fr).toContain('2 traitement(s)');
  });

  it('cannot expire a non-HDS certificate with no end date', () => {
    expect(run([iso({ validTo: undefined })])).toEqual([]);
  });
});

describe('certificate.expired, texts', () => {
  it('gives the full messages, reference and remediation of a printed end', () => {
    const [f] = run([iso({ validTo: '2026-06-01', source: { document: 'cert.pdf' } })], {
      asOf: '2026-06-02',
      treatments: [treatmentUsing('e-host'), healthTreatment({ key: 't2', uses: [{ engagement: 'e-host' }] })],
    });
    expect(f.message).toEqual({
      fr: 'Le certificat ISO/IEC 27001 de Hébergeur a expiré le 2026-06-01 ; 2 traitement(s) en dépendent.',
      en: 'The ISO/IEC 27001 certificate of Hébergeur expired on 2026-06-01; 2 treatment(s) rely on it.',
    });
    expect(f.reference.fr).toBe('RGPD art. 28(1), 32');
    expect(f.remediation).toEqual({
      fr: 'Obtenir le certificat renouvelé et l’enregistrer, ou remplacer le prestataire.',
      en: 'Obtain the renewed certificate and record it, or replace the provider.',
    });
    expect(f.evidence.source).toEqual({ document: 'cert.pdf' });
    expect(f.evidence.treatments).toEqual(['t', 't2']);
  });

  it('gives the full messages of a derived end, with the HDS reference in English', () => {
    const [f] = run([{ key: 'agr', subcontractor: 'host', kind: 'hds-agrement', validFrom: '2018-03-15' }]);
    expect(f.message).toEqual({
      fr: 'L’agrément HDS de Hébergeur a expiré le 2021-03-14 (fin calculée : début + 3 ans) ; 1 traitement(s) en dépendent.',
      en: 'The HDS agrément of Hébergeur expired on 2021-03-14 (computed end: start + 3 years); 1 treatment(s) rely on it.',
    });
    expect(f.reference.en).toBe('CSP L.1111-8, R.1111-10');
    expect(f.evidence).toMatchObject({ number: null, validFrom: '2018-03-15' });
  });

  it('reports the latest ended certificate whatever order they were recorded in', () => {
    const older = iso({ key: 'older', validFrom: '2019-01-01', validTo: '2022-01-01' });
    const newer = iso({ key: 'newer', validFrom: '2022-01-02', validTo: '2025-01-01' });
    expect(run([older, newer]).map((f) => f.subject.id)).toEqual(['newer']);
    expect(run([newer, older]).map((f) => f.subject.id)).toEqual(['newer']);
  });

  it('reports each holder and each family on its own', () => {
    const hostIso = iso({ validTo: '2025-01-01' });
    const hostHds: CreateCertificateDto = { key: 'hds', subcontractor: 'host', kind: 'hds', validTo: '2025-02-01' };
    const subIso = iso({ key: 'sub-iso', subcontractor: 'sub', validTo: '2025-03-01' });
    expect(run([hostIso, hostHds, subIso]).map((f) => f.subject.id)).toEqual(['sub-iso', 'hds', 'iso']);
  });
});
