import adequacy from './data/adequacy.json';
import breach from './data/breach.json';
import certificateKinds from './data/certificate-kinds.json';
import dpia from './data/dpia.json';
import eea from './data/eea.json';
import hdsActivities from './data/hds-activities.json';
import hdsReferentials from './data/hds-referentials.json';
import iso27001 from './data/iso27001.json';
import retention from './data/retention.json';
import scc from './data/scc.json';
import tia from './data/tia.json';
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
  dpia,
  retention,
  tia,
  versions: {
    eea: eea.version,
    adequacy: adequacy.version,
    scc: scc.version,
    hdsActivities: hdsActivities.version,
    hdsReferentials: hdsReferentials.version,
    iso27001: iso27001.version,
    breach: breach.version,
    certificateKinds: certificateKinds.version,
    dpia: dpia.version,
    retention: retention.version,
    tia: tia.version,
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

export interface Iso27001Edition {
  /** The ISO edition the printed text denotes: "2022", "2013", "2005". */
  edition: string;
  /** Last day it is valid evidence, when the edition is withdrawn. */
  validUntil?: string;
  /** The year as printed ("2017" for EN ISO/IEC 27001:2017, the European adoption of the 2013 text). */
  printedYear: string;
}

const ISO_EDITION_BY_YEAR = new Map(
  (iso27001.editions as { edition: string; printedYears: string[]; validUntil?: string }[]).flatMap((e) =>
    e.printedYears.map((year) => [year, e] as const),
  ),
);
// The year right after "27001" and an optional separator: ":2013", " : 2013", "-2013", " (2013)", "27001 2013".
// Amendments and corrigenda ("27001:2022/Amd 1:2024") come after the edition's own year and are not read.
const ISO_YEAR = /27001\s*[:\-–(]?\s*((?:19|20)\d{2})(?!\d)/g;

/**
 * The ISO/IEC 27001 edition a certificate's printed text names, however it is spelled (LEGAL.md §7):
 * "ISO/IEC 27001:2013", "NF EN ISO/IEC 27001:2017" and "27001:2005" are withdrawn editions; "ISO/IEC
 * 27001:2022" and "EN ISO/IEC 27001:2023" the current one. When a text names several (Claranet prints
 * "NF EN ISO/IEC 27001:2023 / ISO/IEC 27001:2022"), the newest edition named is the one certified.
 */
export function iso27001Edition(text: string | undefined): Iso27001Edition | undefined {
  if (!text) return undefined;
  let found: Iso27001Edition | undefined;
  for (const match of text.matchAll(ISO_YEAR)) {
    const edition = ISO_EDITION_BY_YEAR.get(match[1]);
    if (!edition || (found && found.edition >= edition.edition)) continue;
    found = {
      edition: edition.edition,
      printedYear: match[1],
      ...(edition.validUntil ? { validUntil: edition.validUntil } : {}),
    };
  }
  return found;
}

const SCC_TEXT_PATTERNS = scc.textPatterns.map((p) => ({
  kind: p.kind as SafeguardKind,
  pattern: new RegExp(p.pattern, 'i'),
}));

/**
 * The SCC decision a document's words name ("Clauses contractuelles type 2021", "SCC 2010/87/EU"), or
 * `scc-unspecified` when they name no version or date (LEGAL.md §2: evidence to complete).
 */
export function sccKindFromText(text: string): SafeguardKind {
  return SCC_TEXT_PATTERNS.find((p) => p.pattern.test(text))?.kind ?? 'scc-unspecified';
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

const dpiaCriteriaByCode = new Map(dpia.criteria.map((c) => [c.code, c]));
const cnilItemsByCode = new Map(dpia.cnilList.items.map((c) => [c.code, c]));

/** A WP248 criterion's wording (fr, en) from data/dpia.json; undefined for a code it does not hold. */
export function dpiaCriterion(code: string): { fr: string; en: string } | undefined {
  return dpiaCriteriaByCode.get(code);
}

/** A CNIL-list item's wording (fr, en) from data/dpia.json; undefined for a code it does not hold. */
export function cnilDpiaItem(code: string): { fr: string; en: string } | undefined {
  return cnilItemsByCode.get(code);
}

/** Names and family of a certificate kind, from the reference data (never upper-cased codes). */
export function certificateKind(kind: string): CertificateKindInfo {
  const found = certificateKindsByCode.get(kind);
  if (!found) throw new Error(`certificate kind "${kind}" is missing from certificate-kinds.json`);
  return found;
}
