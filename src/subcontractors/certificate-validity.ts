import { lastDayOfYears } from '../common/calendar-date';
import { l, Localized } from '../common/i18n';
import { certificateKind, Iso27001Edition, iso27001Edition, REFERENCE } from '../reference/reference-data';
import type { CreateCertificateDto } from './certificate.dto';

type CertificateFacts = Pick<Readonly<CreateCertificateDto>, 'kind' | 'validFrom' | 'validTo' | 'edition'>;

/** Why a certificate ends when it does. */
export type EndSource = 'printed' | 'hds-term' | 'edition-withdrawn';

export interface CertificateEnd {
  /** Last valid day (inclusive), when it can be known. */
  date?: string;
  source?: EndSource;
  /** Not printed on the certificate: computed from the law (HDS term) or the standard (withdrawn edition). */
  derived: boolean;
  /** The withdrawn edition that ends it, as read from the printed edition (source `edition-withdrawn`). */
  edition?: Iso27001Edition;
}

/**
 * The one place a certificate's last valid day is decided, for findings, alerts, the calendar and the
 * documents alike: the printed `validTo`; for an HDS certificate or agrément whose end is not recorded,
 * its start plus the legal 3 years (R.1111-11; LEGAL.md §1); brought forward to the end of a withdrawn
 * edition (ISO/IEC 27001:2013 ended on 31 October 2025 whatever the certificate prints; LEGAL.md §7).
 */
export function certificateEnd(c: CertificateFacts): CertificateEnd {
  let end: CertificateEnd = { derived: false };
  if (c.validTo) end = { date: c.validTo, source: 'printed', derived: false };
  else if (certificateKind(c.kind).family === 'hds' && c.validFrom) {
    const years =
      c.kind === 'hds' ? REFERENCE.hdsReferentials.certificateYears : REFERENCE.hdsReferentials.agrementYears;
    end = { date: lastDayOfYears(c.validFrom, years), source: 'hds-term', derived: true };
  }
  // However the edition is printed ("EN ISO/IEC 27001:2017" is the 2013 text): reference data reads it.
  const edition = c.kind === 'iso-27001' ? iso27001Edition(c.edition) : undefined;
  const withdrawn = edition?.validUntil;
  if (edition && withdrawn && (!end.date || withdrawn < end.date)) {
    end = { date: withdrawn, source: 'edition-withdrawn', derived: true, edition };
  }
  return end;
}

/** Valid on every day from its start to its last day inclusive (Paris days); unknown end = not valid. */
export function isCertificateValidOn(c: CertificateFacts, date: string): boolean {
  const end = certificateEnd(c).date;
  return (!c.validFrom || c.validFrom <= date) && end !== undefined && date <= end;
}

/**
 * Ended on `date` by the withdrawal of its edition while its printed end is still to come: what
 * certificate.edition-withdrawn reports (past its printed end too, it is plainly expired).
 */
export function endedByWithdrawal(c: CertificateFacts, date: string): boolean {
  const end = certificateEnd(c);
  return (
    end.source === 'edition-withdrawn' && end.date !== undefined && date > end.date && (!c.validTo || date <= c.validTo)
  );
}

/** Certificates of one family answer the same question (an HDS agrément and an HDS certificate). */
export function certificateFamily(kind: string): string {
  return certificateKind(kind).family;
}

/** Why an end that is not printed is what it is, for messages: "" when the certificate prints it. */
export function endNote(end: CertificateEnd): Localized {
  if (end.source === 'hds-term') return l(' (fin calculée : début + 3 ans)', ' (computed end: start + 3 years)');
  if (end.source === 'edition-withdrawn') {
    const edition = end.edition?.edition ?? '2013';
    const printed = end.edition && end.edition.printedYear !== edition ? `, imprimée ${end.edition.printedYear}` : '';
    const printedEn = end.edition && end.edition.printedYear !== edition ? `, printed ${end.edition.printedYear}` : '';
    return l(
      ` (fin de l’édition ISO/IEC 27001:${edition}${printed}, IAF MD 26)`,
      ` (end of the ISO/IEC 27001:${edition} edition${printedEn}, IAF MD 26)`,
    );
  }
  return l('', '');
}
