import type { BundleDto } from '../bundles/bundle.dto';
import type { IncomingBundle, IncomingRecord } from '../bundles/import-plan';
import { canonicalJson } from '../common/canonical-json';
import { countryCodeFromName, countryName, isCountryCode, normaliseName } from '../reference/countries';
import { SAFEGUARD_KINDS } from '../reference/vocabulary';
import type { ChangeKind, SafeguardKind } from '../reference/vocabulary';
import { codeLabel } from './labels';
import type { CreateSubcontractorDto } from '../subcontractors/subcontractor.dto';
import { ImportProblem, Location, Provenance } from './problems';
import { cellAddress, Sheet, Table } from './table';
import { slugify } from './values';

/**
 * A provider's published list of sub-processors (CSV, a spreadsheet, a table pasted from its web
 * page: name, purpose, location, safeguard), compared with the chain recorded under one engagement.
 * Every difference becomes a dated sub-processor change notice — addition, removal, relocation, new
 * safeguard — so that the contract's objection window runs from the day the list was received; the
 * chain itself is brought in line (new sub-processors and their engagements, countries and safeguards
 * updated, a sub-processor no longer listed removed from the chain, its last state kept in the notice).
 */

type Column = 'name' | 'purpose' | 'location' | 'safeguard';

const HEADERS: Record<Column, RegExp> = {
  name: /^(nom|name|sous traitants?( ulterieurs?)?|sub ?processors?( name)?|entite|entity|fournisseurs?|prestataires?|societe|company|vendor|provider|raison sociale|partenaire|third party|tiers)$/,
  purpose:
    /finalite|purpose|services?|prestations?|activites?|activity|objet|role|function|nature|traitement|processing activit/,
  location: /localisation|location|pays|country|countries|lieu|region|hebergement|where|implantation|zone/,
  safeguard:
    /garanties?|safeguards?|mecanisme|mechanism|transferts?|transfer|encadrement|clauses|legal basis for transfer/,
};

export interface ListedSubprocessor {
  row: number;
  name: string;
  purpose?: string;
  location?: string;
  countries?: string[];
  area?: 'eu' | 'eea';
  safeguardText?: string;
  safeguard?: SafeguardKind;
  at: Location;
  /** The cell of each column the row fills. */
  cells: Partial<Record<Column, Location>>;
}

export interface ParsedList {
  entries: ListedSubprocessor[];
  problems: ImportProblem[];
  sheet: string;
}

/** Reads the list: the header row found by meaning (any language the provider writes in), one row per sub-processor. */
export function parseSubprocessorList(table: Table): ParsedList {
  const problems: ImportProblem[] = [];
  const sheet = pickSheet(table);
  if (!sheet) return { entries: [], problems: [{ severity: 'error', problem: 'the file holds no table' }], sheet: '' };
  let header = -1;
  let columns: Partial<Record<Column, number>> = {};
  for (let r = 0; r < Math.min(10, sheet.rows.length) && header < 0; r++) {
    const found: Partial<Record<Column, number>> = {};
    (sheet.rows[r] ?? []).forEach((cell, c) => {
      const text = normaliseName(cell?.text ?? '');
      if (!text || text.length > 60) return;
      for (const col of ['name', 'location', 'safeguard', 'purpose'] as Column[]) {
        if (found[col] === undefined && HEADERS[col].test(text) && !Object.values(found).includes(c)) {
          found[col] = c;
          break;
        }
      }
    });
    if (found.name !== undefined && Object.keys(found).length >= 2) {
      header = r;
      columns = found;
    }
  }
  if (header < 0) {
    columns = { name: 0, purpose: 1, location: 2, safeguard: 3 };
    problems.push({
      severity: 'warning',
      sheet: sheet.name,
      row: 1,
      problem: 'no header row found: columns read as name, purpose, location, safeguard',
    });
  }
  const entries: ListedSubprocessor[] = [];
  for (let r = header + 1; r < sheet.rows.length; r++) {
    const get = (col: Column) => (columns[col] === undefined ? '' : (sheet.rows[r]?.[columns[col]]?.text.trim() ?? ''));
    const name = get('name');
    if (!name) {
      if ((sheet.rows[r] ?? []).some((c) => c?.text.trim())) {
        problems.push({
          severity: 'warning',
          sheet: sheet.name,
          row: r + 1,
          problem: 'a row without a sub-processor name: skipped',
        });
      }
      continue;
    }
    const at: Location = { sheet: sheet.name, row: r + 1, cell: cellAddress(r, columns.name ?? 0), value: name };
    const cells: ListedSubprocessor['cells'] = {};
    for (const col of Object.keys(columns) as Column[]) {
      const c = columns[col] as number;
      cells[col] = {
        sheet: sheet.name,
        row: r + 1,
        cell: cellAddress(r, c),
        column: headerOf(sheet, header, c),
        value: get(col),
      };
    }
    const entry: ListedSubprocessor = { row: r + 1, name, at, cells };
    const purpose = get('purpose');
    if (purpose) entry.purpose = purpose;
    const location = get('location');
    if (location) {
      entry.location = location;
      const read = readLocation(location);
      if (read.countries.length) entry.countries = read.countries;
      if (read.area) entry.area = read.area;
      if (read.unread.length) {
        problems.push({
          severity: 'warning',
          sheet: sheet.name,
          row: r + 1,
          cell: cellAddress(r, columns.location ?? 0),
          column: headerOf(sheet, header, columns.location),
          value: location,
          problem: `no country read from ${read.unread.map((u) => `"${u}"`).join(', ')}: the location of ${name} is left as recorded`,
        });
      }
    }
    const safeguard = get('safeguard');
    if (safeguard) {
      entry.safeguardText = safeguard;
      entry.safeguard = safeguardKind(safeguard);
    }
    entries.push(entry);
  }
  const seen = new Map<string, number>();
  for (const e of entries) {
    const n = normaliseName(e.name);
    if (seen.has(n)) {
      problems.push({
        severity: 'warning',
        ...e.at,
        problem: `${e.name} is listed twice (rows ${seen.get(n)} and ${e.row}): read once, locations merged`,
      });
    } else seen.set(n, e.row);
  }
  return { entries: mergeDuplicates(entries), problems, sheet: sheet.name };
}

function headerOf(sheet: Sheet, header: number, col: number | undefined): string | undefined {
  return header >= 0 && col !== undefined ? sheet.rows[header]?.[col]?.text.trim() : undefined;
}

function pickSheet(table: Table): Sheet | undefined {
  const filled = table.sheets.filter((s) => s.rows.some((r) => r?.some((c) => c?.text.trim())));
  return filled.sort((a, b) => b.rows.length - a.rows.length)[0];
}

function mergeDuplicates(entries: ListedSubprocessor[]): ListedSubprocessor[] {
  const out = new Map<string, ListedSubprocessor>();
  for (const e of entries) {
    const n = normaliseName(e.name);
    const first = out.get(n);
    if (!first) out.set(n, { ...e });
    else if (e.countries) first.countries = [...new Set([...(first.countries ?? []), ...e.countries])];
  }
  return [...out.values()];
}

const AREAS: Record<string, 'eu' | 'eea'> = {
  ue: 'eu',
  eu: 'eu',
  'union europeenne': 'eu',
  'european union': 'eu',
  europe: 'eu',
  eee: 'eea',
  eea: 'eea',
  'espace economique europeen': 'eea',
  'european economic area': 'eea',
};

/** "France, Allemagne", "USA / Irlande", "EU", "Frankfurt (DE)" → codes, an area, and what could not be read. */
export function readLocation(text: string): { countries: string[]; area?: 'eu' | 'eea'; unread: string[] } {
  const countries: string[] = [];
  const unread: string[] = [];
  let area: 'eu' | 'eea' | undefined;
  for (const raw of text.split(/[,;/\n]|\bet\b|\band\b|\+/i)) {
    const part = raw.trim();
    if (!part) continue;
    const n = normaliseName(part);
    if (AREAS[n]) {
      area = AREAS[n];
      continue;
    }
    const code = /\(([A-Za-z]{2})\)/.exec(part)?.[1]?.toUpperCase();
    const found =
      code && isCountryCode(code)
        ? code
        : isCountryCode(part.toUpperCase()) && part.length === 2
          ? part.toUpperCase()
          : (countryCodeFromName(part.replace(/\(.*\)/, '').trim()) ?? areaInside(n));
    if (found === 'eu' || found === 'eea') area = found;
    else if (found) countries.push(found);
    // A two-letter code that is none (UK): passed on, so that the validators say which one is meant.
    else if (/^[A-Za-z]{2}$/.test(part)) countries.push(part.toUpperCase());
    else unread.push(part);
  }
  return { countries: [...new Set(countries)], area, unread };
}

function areaInside(n: string): 'eu' | 'eea' | undefined {
  for (const [words, area] of Object.entries(AREAS)) if (words.length > 2 && n.includes(words)) return area;
  return undefined;
}

/** What a provider's list says of a transfer, by meaning. */
export function safeguardKind(text: string): SafeguardKind | undefined {
  const n = normaliseName(text);
  if (!n || /^(n a|na|none|aucune?|sans objet|not applicable|non applicable)$/.test(n)) return undefined;
  if (/data privacy framework|\bdpf\b/.test(n)) return 'dpf';
  if (/2021 914|\b2021\b/.test(n) && /clauses|scc|cct|standard contractual/.test(n)) return 'scc-2021';
  if (/2010 87/.test(n)) return 'scc-2010';
  if (/clauses contractuelles|\bscc\b|\bcct\b|standard contractual/.test(n)) return 'scc-unspecified';
  if (/\bbcr\b|binding corporate|regles d entreprise/.test(n)) return 'bcr';
  if (/adequa|adequate/.test(n)) return 'adequacy';
  if (/derogation|art(icle)? 49/.test(n)) return 'derogation';
  return undefined;
}

export interface ListChange {
  kind: ChangeKind;
  subprocessor: { key: string; name: string; new: boolean };
  /** Where it stood and where it goes ("FR" → "US", "scc-unspecified" → "scc-2021"). */
  from?: string;
  to?: string;
  row?: number;
  notice: string;
}

export interface ListComparison {
  changes: ListChange[];
  unchanged: { key: string; name: string; row: number }[];
  incoming: IncomingBundle;
  provenance: Provenance;
  problems: ImportProblem[];
}

type Rec = Record<string, unknown>;

/**
 * Compares the list with the chain recorded under `engagementKey` (the engagements whose client is
 * that engagement's provider) and builds what the import would write.
 */
export function compareSubprocessorList(
  bundle: BundleDto,
  engagementKey: string,
  list: ParsedList,
  options: { noticeReceivedAt: string; plannedEffectiveOn?: string; document: string },
): ListComparison {
  const problems = [...list.problems];
  const provenance = new Provenance();
  const engagement = (bundle.engagements ?? []).find((e) => e.key === engagementKey);
  if (!engagement) throw new Error(`engagement ${engagementKey} not in bundle`);
  const provider = engagement.provider;
  const subcontractors = bundle.subcontractors ?? [];
  const byKey = new Map(subcontractors.map((s) => [s.key, s]));
  const chain = (bundle.engagements ?? []).filter((e) => e.client === provider);
  const day = options.noticeReceivedAt.slice(0, 10);
  const changes: ListChange[] = [];
  const unchanged: ListComparison['unchanged'] = [];
  const newSubcontractors: Rec[] = [];
  const engagementRecords: IncomingRecord[] = [];
  const notices: Rec[] = [];
  const matchedChain = new Set<string>();
  const usedKeys = new Set([...subcontractors.map((s) => s.key), ...(bundle.engagements ?? []).map((e) => e.key)]);
  const noticeKeys = new Set((bundle.subprocessorChanges ?? []).map((c) => c.key));
  const source = (row?: number) => ({ document: options.document, ...(row ? { section: `ligne ${row}` } : {}) });

  const notice = (kind: ChangeKind, subprocessor: string, row: number | undefined, notes?: string) => {
    let key = slugify(`${engagementKey}-${kind}-${subprocessor}-${day}`);
    for (let i = 2; noticeKeys.has(key); i++) key = slugify(`${engagementKey}-${kind}-${subprocessor}-${day}-${i}`);
    noticeKeys.add(key);
    const record: Rec = {
      key,
      engagement: engagementKey,
      subprocessor,
      kind,
      noticeReceivedAt: options.noticeReceivedAt,
      ...(options.plannedEffectiveOn ? { plannedEffectiveOn: options.plannedEffectiveOn } : {}),
      ...(notes ? { notes } : {}),
      source: source(row),
    };
    const at = list.entries.find((e) => e.row === row)?.at;
    if (at) provenance.set(`subprocessorChanges[${notices.length}]`, at);
    notices.push(record);
    return key;
  };

  for (const entry of list.entries) {
    const recorded = chain.find(
      (e) => !matchedChain.has(e.key) && sameCompany(entry.name, byKey.get(e.provider), e.provider),
    );
    if (!recorded) {
      // A new sub-processor: known to the organisation already, or a new subcontractor.
      // The provider cannot be its own sub-processor: a name close to its own is a new company.
      const known = subcontractors.find((s) => s.key !== provider && sameCompany(entry.name, s, s.key));
      let key = known?.key;
      if (!key) {
        key = uniqueKey(slugify(entry.name) || 'sous-traitant', usedKeys);
        provenance.set(`subcontractors[${newSubcontractors.length}]`, entry.at);
        newSubcontractors.push({ key, name: entry.name, source: source(entry.row) });
      }
      const eKey = uniqueKey(slugify(`${key}-${provider}`), usedKeys);
      const record: Rec = {
        key: eKey,
        provider: key,
        client: provider,
        ...(entry.purpose ? { services: [entry.purpose] } : {}),
        ...(entry.countries?.length ? { processingCountries: entry.countries } : {}),
        ...(entry.area ? { processingArea: entry.area } : {}),
        ...(entry.safeguard ? { transferSafeguards: [{ kind: entry.safeguard, details: entry.safeguardText }] } : {}),
        source: source(entry.row),
      };
      locateEntry(provenance, `engagements[${engagementRecords.length}]`, entry);
      engagementRecords.push({ record: record as IncomingRecord['record'] });
      const noticeKey = notice('addition', key, entry.row);
      changes.push({
        kind: 'addition',
        subprocessor: { key, name: known?.name ?? entry.name, new: !known },
        to: describeWhere(entry.countries, entry.area),
        row: entry.row,
        notice: noticeKey,
      });
      continue;
    }
    matchedChain.add(recorded.key);
    const name = byKey.get(recorded.provider)?.name ?? recorded.provider;
    const update: Rec = {};
    const fields: string[] = [];
    const recordedWhere = describeWhere(recorded.processingCountries, recorded.processingArea);
    const listedWhere = describeWhere(entry.countries, entry.area);
    const listed = Boolean(entry.countries?.length || entry.area);
    const sameCountries =
      canonicalJson([...(recorded.processingCountries ?? [])].sort()) ===
      canonicalJson([...(entry.countries ?? [])].sort());
    const sameArea = (recorded.processingArea ?? null) === (entry.area ?? null);
    const moved = listed && !(sameCountries && sameArea);
    let changed = false;
    if (moved) {
      update.processingCountries = entry.countries?.length ? entry.countries : undefined;
      update.processingArea = entry.area;
      fields.push('processingCountries', 'processingArea');
      changes.push({
        kind: 'relocation',
        subprocessor: { key: recorded.provider, name, new: false },
        from: recordedWhere,
        to: listedWhere,
        row: entry.row,
        notice: notice(
          'relocation',
          recorded.provider,
          entry.row,
          `Localisation : ${recordedWhere ?? 'non renseignée'} → ${listedWhere}`,
        ),
      });
      changed = true;
    }
    // A safeguard the list names that is not recorded is added in front; those recorded stay (with their
    // impact assessments) until the DPO removes them: nothing is lost.
    const recordedSafeguards = recorded.transferSafeguards ?? [];
    if (entry.safeguard && !recordedSafeguards.some((g) => g.kind === entry.safeguard)) {
      update.transferSafeguards = [{ kind: entry.safeguard, details: entry.safeguardText }, ...recordedSafeguards];
      fields.push('transferSafeguards');
      const before = recordedSafeguards.map((g) => g.kind);
      changes.push({
        kind: 'safeguard-change',
        subprocessor: { key: recorded.provider, name, new: false },
        from: before.length ? before.map((k) => codeLabel(SAFEGUARD_KINDS, k, 'fr')).join(', ') : undefined,
        to: codeLabel(SAFEGUARD_KINDS, entry.safeguard, 'fr'),
        row: entry.row,
        notice: notice(
          'safeguard-change',
          recorded.provider,
          entry.row,
          `Garantie : ${before.join(', ') || 'aucune'} → ${entry.safeguard} (« ${entry.safeguardText} »)`,
        ),
      });
      changed = true;
    } else if (entry.safeguardText && !entry.safeguard) {
      problems.push({
        severity: 'info',
        ...entry.at,
        problem: `"${entry.safeguardText}": no safeguard read from it; the recorded one is kept`,
      });
    }
    if (changed) {
      locateEntry(provenance, `engagements[${engagementRecords.length}]`, entry);
      engagementRecords.push({ record: { ...recorded, ...update }, fields });
    } else unchanged.push({ key: recorded.provider, name, row: entry.row });
  }

  const deletions: IncomingBundle['deletions'] = [];
  for (const e of chain) {
    if (matchedChain.has(e.key)) continue;
    const name = byKey.get(e.provider)?.name ?? e.provider;
    const last = {
      services: e.services,
      processingCountries: e.processingCountries,
      processingArea: e.processingArea,
      transferSafeguards: e.transferSafeguards,
    };
    const noticeKey = notice(
      'removal',
      e.provider,
      undefined,
      `Absent de la liste reçue le ${day} ; engagement « ${e.key} » retiré de la chaîne. Dernier état : ${JSON.stringify(last)}`,
    );
    deletions.push({ collection: 'engagements', key: e.key });
    changes.push({
      kind: 'removal',
      subprocessor: { key: e.provider, name, new: false },
      from: describeWhere(e.processingCountries, e.processingArea),
      notice: noticeKey,
    });
  }

  const incoming: IncomingBundle = {
    collections: {
      subcontractors: newSubcontractors.map((record) => ({ record: record as IncomingRecord['record'] })),
      engagements: engagementRecords,
      subprocessorChanges: notices.map((record) => ({ record: record as IncomingRecord['record'] })),
    },
    deletions,
  };
  return { changes, unchanged, incoming, provenance, problems };
}

/** An engagement built from a row: the row, and each field at the cell it came from. */
function locateEntry(provenance: Provenance, path: string, entry: ListedSubprocessor): void {
  provenance.set(path, entry.at);
  if (entry.cells.location) {
    provenance.set(`${path}.processingCountries`, entry.cells.location);
    provenance.set(`${path}.processingArea`, entry.cells.location);
  }
  if (entry.cells.safeguard) provenance.set(`${path}.transferSafeguards[0]`, entry.cells.safeguard);
  if (entry.cells.purpose) provenance.set(`${path}.services`, entry.cells.purpose);
}

function uniqueKey(base: string, used: Set<string>): string {
  let key = base.slice(0, 80);
  for (let i = 2; used.has(key); i++) key = `${base.slice(0, 76)}-${i}`;
  used.add(key);
  return key;
}

function describeWhere(countries?: readonly string[], area?: string): string | undefined {
  if (countries?.length) return countries.map((c) => `${countryName(c)} (${c})`).join(', ');
  if (area) return area === 'eu' ? 'Union européenne' : 'Espace économique européen';
  return undefined;
}

const LEGAL_FORMS =
  /\b(sas|sasu|sa|sarl|eurl|inc|llc|ltd|limited|gmbh|ag|bv|b v|nv|plc|srl|spa|corp|corporation|co|company|emea|europe|france|ireland|holdings?)\b/g;

/** Same company: the same name once legal forms are dropped, or one name holding the other as whole words. */
function sameCompany(
  listed: string,
  s: Pick<CreateSubcontractorDto, 'name' | 'legalName'> | undefined,
  key: string,
): boolean {
  const a = core(listed);
  if (!a) return false;
  const names = [s?.name, s?.legalName, key.replace(/-/g, ' ')].filter((x): x is string => Boolean(x));
  return names.some((n) => {
    const b = core(n);
    if (!b) return false;
    if (a === b) return true;
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    return short.length >= 4 && ` ${long} `.includes(` ${short} `);
  });
}

function core(name: string): string {
  return normaliseName(name).replace(LEGAL_FORMS, ' ').replace(/\s+/g, ' ').trim();
}
