import adequacy from './data/adequacy.json';
import breach from './data/breach.json';
import certificateKinds from './data/certificate-kinds.json';
import eea from './data/eea.json';
import hdsActivities from './data/hds-activities.json';
import hdsReferentials from './data/hds-referentials.json';
import iso27001 from './data/iso27001.json';
import scc from './data/scc.json';
import { isEea } from './countries';
import type { CertificateKind, SafeguardKind } from './vocabulary';

/**
 * Versioned legal reference data (the JSON files of `data/`, each with its source), read through
 * typed accessors. Rules never hold a legal date or list as a literal: they ask here.
 */
export interface AdequacyDecision {
  country: string;
  decision: string;
  adoptedOn: string;
  validUntil?: string;
  scope: 'full' | 'partial' | 'dpf-only';
  limit?: { fr: string; en: string };
  confidence: string;
}

export const REFERENCE = {
  adequacy: adequacy as { version: string; source: string; decisions: AdequacyDecision[] },
  scc,
  hdsReferentials,
  iso27001,
  breach,
  versions: {
    eea: eea.version,
    adequacy: adequacy.version,
    scc: scc.version,
    hdsActivities: hdsActivities.version,
    hdsReferentials: hdsReferentials.version,
    iso27001: iso27001.version,
    breach: breach.version,
    certificateKinds: certificateKinds.version,
  },
} as const;

const adequacyByCountry = new Map(REFERENCE.adequacy.decisions.map((d) => [d.country, d]));

/** The adequacy decision in force for a country on a date (YYYY-MM-DD), if any. */
export function adequacyOn(country: string, date: string): AdequacyDecision | undefined {
  const decision = adequacyByCountry.get(country);
  if (!decision || decision.adoptedOn > date) return undefined;
  if (decision.validUntil && decision.validUntil < date) return undefined;
  return decision;
}

/** A country in which data may go without an art. 46 safeguard: the EEA, or a full adequacy decision. */
export function isFullyAdequate(country: string, date: string): boolean {
  return isEea(country) || adequacyOn(country, date)?.scope === 'full';
}

const REPEALED_SCC = new Set<string>(scc.repealed.map((r) => r.kind));

/** SCC of a repealed decision (2001/497, 2004/915, 2010/87). */
export function isRepealedScc(kind: SafeguardKind): boolean {
  return REPEALED_SCC.has(kind);
}

/** ISO 27001 edition read from a certificate's edition text, with its end of validity if withdrawn. */
export function iso27001Edition(text: string | undefined): { edition: string; validUntil?: string } | undefined {
  if (!text) return undefined;
  return iso27001.editions.find((e) => new RegExp(e.pattern).test(text));
}

export interface CertificateKindInfo {
  kind: CertificateKind;
  /** Kinds of one family answer the same question (an HDS agrément and an HDS certificate). */
  family: string;
  /** The scheme's own name, the same in every language ("ISO/IEC 27001"). */
  short: string;
  fr: string;
  en: string;
  /** With its article, for sentences: "le certificat HDS", "l’agrément HDS". */
  frThe: string;
  enThe: string;
}

const certificateKindsByCode = new Map(
  (certificateKinds.kinds as CertificateKindInfo[]).map((k) => [k.kind, k] as [string, CertificateKindInfo]),
);

/** Names and family of a certificate kind, from the reference data (never upper-cased codes). */
export function certificateKind(kind: string): CertificateKindInfo {
  const found = certificateKindsByCode.get(kind);
  if (!found) throw new Error(`certificate kind "${kind}" is missing from certificate-kinds.json`);
  return found;
}
