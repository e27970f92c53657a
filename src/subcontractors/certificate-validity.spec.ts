import certificateKinds from '../reference/data/certificate-kinds.json';
import { CERTIFICATE_KINDS } from '../reference/vocabulary';
import {
  certificateEnd,
  certificateFamily,
  endedByWithdrawal,
  endNote,
  isCertificateValidOn,
} from './certificate-validity';

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
    const edition = { edition: '2013', printedYear: '2013', validUntil: '2025-10-31' };
    expect(certificateEnd(printedLater)).toEqual({
      date: '2025-10-31',
      source: 'edition-withdrawn',
      derived: true,
      edition,
    });
    expect(certificateEnd(iso2013)).toEqual({
      date: '2025-10-31',
      source: 'edition-withdrawn',
      derived: true,
      edition,
    });
    expect(isCertificateValidOn(printedLater, '2025-10-31')).toBe(true);
    expect(isCertificateValidOn(printedLater, '2025-11-01')).toBe(false);
    // Printed to end before the withdrawal: its own date stands.
    expect(certificateEnd({ ...iso2013, validTo: '2025-06-30' }).source).toBe('printed');
  });

  it.each([
    ['ISO/IEC 27001:2013', '2013'],
    ['ISO 27001:2013', '2013'],
    ['ISO27001 : 2013', '2013'],
    ['ISO/CEI 27001:2013', '2013'],
    ['ISO/IEC 27001:2013/Cor 2:2015', '2013'],
    ['EN ISO/IEC 27001:2017', '2017'],
    ['NF EN ISO/IEC 27001:2017', '2017'],
    ['EN ISO/IEC 27001:2017/A11:2020', '2017'],
    ['ISO/IEC 27001:2005', '2005'],
    ['27001:2005', '2005'],
    ['ISO 27001 (2013)', '2013'],
    ['ISO 27001-2013', '2013'],
  ])('ends "%s" (printed %s) with the withdrawn edition on 31 October 2025', (edition, printedYear) => {
    const c = { kind: 'iso-27001' as const, edition, validFrom: '2024-02-01', validTo: '2027-01-31' };
    const end = certificateEnd(c);
    expect(end).toMatchObject({ date: '2025-10-31', source: 'edition-withdrawn', derived: true });
    expect(end.edition?.printedYear).toBe(printedYear);
    expect(isCertificateValidOn(c, '2025-10-31')).toBe(true);
    expect(isCertificateValidOn(c, '2025-11-01')).toBe(false);
    expect(endNote(end).fr).toContain('ISO/IEC 27001:');
  });

  it.each([
    'ISO/IEC 27001:2022',
    'ISO 27001:2022',
    'EN ISO/IEC 27001:2023',
    'NF EN ISO/IEC 27001:2023 / ISO/IEC 27001:2022',
    'ISO/IEC 27001:2022/Amd 1:2024',
  ])('keeps the printed end of a current-edition certificate printed "%s"', (edition) => {
    const c = { kind: 'iso-27001' as const, edition, validFrom: '2024-02-01', validTo: '2027-01-31' };
    expect(certificateEnd(c)).toEqual({ date: '2027-01-31', source: 'printed', derived: false });
    expect(isCertificateValidOn(c, '2027-01-31')).toBe(true);
  });

  it('reads the newest edition a text names, and no edition from other standards or years', () => {
    // A text naming the current edition too is the current edition: no withdrawal is inferred.
    expect(
      certificateEnd({
        kind: 'iso-27001',
        edition: 'ISO/IEC 27001:2013 (transition vers ISO/IEC 27001:2022)',
        validTo: '2027-01-31',
      }).source,
    ).toBe('printed');
    // "since 2010" is no edition; an ISO 27701 certificate is not ended by a 27001 edition.
    expect(
      certificateEnd({ kind: 'iso-27001', edition: 'ISO 27001 certified since 2010', validTo: '2027-01-31' }).source,
    ).toBe('printed');
    expect(
      certificateEnd({ kind: 'iso-27701', edition: 'ISO/IEC 27701:2019 (27001:2013)', validTo: '2027-01-31' }).source,
    ).toBe('printed');
  });

  it('says in the note which edition ended it, and how it was printed when that differs', () => {
    const end = certificateEnd({ kind: 'iso-27001', edition: 'EN ISO/IEC 27001:2017', validTo: '2027-01-31' });
    expect(endNote(end)).toEqual({
      fr: ' (fin de l’édition ISO/IEC 27001:2013, imprimée 2017, IAF MD 26)',
      en: ' (end of the ISO/IEC 27001:2013 edition, printed 2017, IAF MD 26)',
    });
    expect(endNote(certificateEnd(iso2013)).fr).toBe(' (fin de l’édition ISO/IEC 27001:2013, IAF MD 26)');
    expect(endNote(certificateEnd({ kind: 'hds', validFrom: '2023-06-01' })).en).toBe(
      ' (computed end: start + 3 years)',
    );
    expect(endNote(certificateEnd({ kind: 'hds', validTo: '2026-06-01' }))).toEqual({ fr: '', en: '' });
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
