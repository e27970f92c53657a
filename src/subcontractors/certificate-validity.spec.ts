import certificateKinds from '../reference/data/certificate-kinds.json';
import { CERTIFICATE_KINDS } from '../reference/vocabulary';
import { certificateEnd, certificateFamily, endedByWithdrawal, isCertificateValidOn } from './certificate-validity';

describe('certificate validity (the one place it is decided)', () => {
  const iso2013 = { kind: 'iso-27001' as const, edition: 'ISO/IEC 27001:2013', validFrom: '2024-02-01' };

  it('takes the printed last day, inclusive', () => {
    const c = {
      kind: 'iso-27001' as const,
      edition: 'ISO/IEC 27001:2022',
      validFrom: '2024-01-01',
      validTo: '2027-01-11',
    };
    expect(certificateEnd(c)).toEqual({ date: '2027-01-11', source: 'printed', derived: false });
    expect(isCertificateValidOn(c, '2027-01-11')).toBe(true);
    expect(isCertificateValidOn(c, '2027-01-12')).toBe(false);
    expect(isCertificateValidOn(c, '2023-12-31')).toBe(false);
  });

  it('derives the end of an undated HDS certificate from the legal 3 years, and knows none for other kinds', () => {
    expect(certificateEnd({ kind: 'hds', validFrom: '2023-06-01' })).toEqual({
      date: '2026-05-31',
      source: 'hds-term',
      derived: true,
    });
    expect(certificateEnd({ kind: 'soc2', validFrom: '2023-06-01' })).toEqual({ derived: false });
    expect(isCertificateValidOn({ kind: 'soc2', validFrom: '2023-06-01' }, '2024-01-01')).toBe(false);
  });

  it('brings an ISO/IEC 27001:2013 certificate to the end of its edition, whatever it prints', () => {
    const printedLater = { ...iso2013, validTo: '2027-01-31' };
    expect(certificateEnd(printedLater)).toEqual({ date: '2025-10-31', source: 'edition-withdrawn', derived: true });
    expect(certificateEnd(iso2013)).toEqual({ date: '2025-10-31', source: 'edition-withdrawn', derived: true });
    expect(isCertificateValidOn(printedLater, '2025-10-31')).toBe(true);
    expect(isCertificateValidOn(printedLater, '2025-11-01')).toBe(false);
    // Printed to end before the withdrawal: its own date stands.
    expect(certificateEnd({ ...iso2013, validTo: '2025-06-30' }).source).toBe('printed');
  });

  it('says the withdrawal ended it only until its printed end (then it is plainly expired)', () => {
    const c = { ...iso2013, validTo: '2026-01-31' };
    expect(endedByWithdrawal(c, '2025-10-31')).toBe(false);
    expect(endedByWithdrawal(c, '2025-11-01')).toBe(true);
    expect(endedByWithdrawal(c, '2026-01-31')).toBe(true);
    expect(endedByWithdrawal(c, '2026-02-01')).toBe(false);
    expect(endedByWithdrawal(iso2013, '2030-01-01')).toBe(true);
  });

  it('has names for exactly the certificate kinds of the vocabulary, and groups HDS agréments with HDS', () => {
    expect(certificateKinds.kinds.map((k) => k.kind).sort()).toEqual([...CERTIFICATE_KINDS].sort());
    expect(certificateFamily('hds-agrement')).toBe('hds');
    expect(certificateFamily('iso-27001')).toBe('iso-27001');
  });
});
