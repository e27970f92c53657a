import type { IncomingBundle, IncomingRecord } from '../bundles/import-plan';
import { countryCodeFromName, countryName, isCountryCode, isEea, normaliseName } from '../reference/countries';
import { adequacyOn } from '../reference/reference-data';
import type { DataCategory, RecipientKind, SafeguardKind } from '../reference/vocabulary';
import { ImportProblem, Location, Provenance } from './problems';
import { readRetention } from './retention';
import { cellAddress, Sheet, Table } from './table';
import { frenchDate, slugify } from './values';

/**
 * The CNIL's "modèle de registre simplifié" (registre-traitement-simplifie.ods/.xlsx), read by its
 * layout: a DPO duplicates the fiche sheet once per treatment and names the copies freely, inserts
 * rows, leaves the drop-down placeholder in unused ones. A sheet is a fiche when its first column
 * carries the fiche's labels; the list sheet is found by its header row. Vocabulary is mapped by
 * meaning. The template's own country list (its "adéquat" column predates Schrems II) is never read:
 * adequacy comes from Registre's reference data. The tutorial, the lists sheet and the CNIL's own
 * example fiche are skipped unless the example is asked for.
 */

type Rec = Record<string, unknown>;

const norm = normaliseName;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The fields of a treatment the template speaks for: the others (legal basis, uses…) are kept on re-import. */
const FICHE_FIELDS = [
  'name',
  'purposes',
  'jointControllers',
  'dataSubjects',
  'dataCategories',
  'recipients',
  'securityMeasures',
  'transfers',
  'notes',
  'source',
] as const;

const PLACEHOLDER = /selectionnez un element dans cette liste deroulante/;
const EMPTY = new Set(['n a', 'na', 'neant', 'sans objet', 'nc', '']);

function value(sheet: Sheet, row: number, col: number): string {
  const text = sheet.rows[row]?.[col]?.text.trim() ?? '';
  const n = norm(text);
  // The template's help links ("► Données sensibles", "Consulter les guides…") sit beside the values.
  if (PLACEHOLDER.test(n) || EMPTY.has(n) || /^[-/–—]+$/.test(text) || /^►|^consulter les guides/i.test(text))
    return '';
  return text;
}

function label(sheet: Sheet, row: number, col = 0): string {
  return norm(sheet.rows[row]?.[col]?.text ?? '');
}

const FICHE_MARKERS = [
  /^nom du traitement$/,
  /^n ref$/,
  /^finalite principale$/,
  /^categories de donnees personnelles concernees$/,
  /^categories de personnes concernees$/,
  /^mesures de securite$/,
  /^transferts hors ue$/,
  /^acteurs$/,
];

function ficheScore(sheet: Sheet): number {
  const labels = new Set(sheet.rows.map((_, r) => label(sheet, r)));
  return FICHE_MARKERS.filter((m) => [...labels].some((l) => m.test(l))).length;
}

function findListHeader(sheet: Sheet): number | undefined {
  for (let r = 0; r < Math.min(sheet.rows.length, 40); r++) {
    const cells = (sheet.rows[r] ?? []).map((c) => norm(c?.text ?? ''));
    if (cells.includes('nom du traitement') && cells.includes('n ref')) return r;
  }
  return undefined;
}

export function isCnilRegister(table: Table): boolean {
  return table.sheets.some((s) => ficheScore(s) >= 4 || findListHeader(s) !== undefined);
}

export interface CnilRead {
  incoming: IncomingBundle;
  provenance: Provenance;
  problems: ImportProblem[];
  sheets: { sheet: string; as: string; rows: number }[];
  /** What the template says of the organisation when it has to be created (it never names it). */
  organisationCountry?: string;
}

interface Actor {
  name?: string;
  address?: string;
  postcode?: string;
  city?: string;
  country?: string;
  phone?: string;
  email?: string;
  at: Location;
}

interface Fiche {
  sheet: Sheet;
  name: string;
  ref: string;
  created?: string;
  updated?: string;
  example: boolean;
}

export function readCnilRegister(
  table: Table,
  options: { includeExample?: boolean; fileName?: string; asOf: string },
): CnilRead {
  const provenance = new Provenance();
  const problems: ImportProblem[] = [];
  const sheets: CnilRead['sheets'] = [];
  const treatments: { record: Rec; at: Location; fiche?: string }[] = [];
  const org: Rec = {};
  const orgAt = new Map<string, Location>();
  let organisationCountry: string | undefined;
  const document = options.fileName ?? 'registre CNIL';

  // The list sheet first: its contact blocks are the organisation's.
  const listRows: {
    name: string;
    ref: string;
    created?: string;
    updated?: string;
    purpose: string;
    sensitive: string;
    at: Location;
    row: number;
    sheet: Sheet;
    example: boolean;
  }[] = [];
  for (const sheet of table.sheets) {
    const header = findListHeader(sheet);
    if (header === undefined) continue;
    sheets.push({ sheet: sheet.name, as: 'list', rows: 0 });
    readContactBlocks(sheet, header, org, orgAt);
    const cols = listColumns(sheet, header);
    for (let r = header + 1; r < sheet.rows.length; r++) {
      const name = value(sheet, r, cols.name);
      const ref = value(sheet, r, cols.ref);
      if (!name && !ref) continue;
      const example = /\(?exemple\)?/i.test(name) || /exemple/i.test(ref);
      listRows.push({
        name: name.replace(/^\(exemple\)\s*/i, ''),
        ref,
        created: dateOf(sheet, r, cols.created),
        updated: dateOf(sheet, r, cols.updated),
        purpose: value(sheet, r, cols.purpose),
        sensitive: norm(value(sheet, r, cols.sensitive)),
        at: { sheet: sheet.name, row: r + 1 },
        row: r,
        sheet,
        example,
      });
    }
    sheets[sheets.length - 1].rows = listRows.length;
  }

  const fiches: Fiche[] = [];
  for (const sheet of table.sheets) {
    if (findListHeader(sheet) !== undefined) continue;
    if (ficheScore(sheet) < 4) {
      const what =
        /tutoriel|tutorial/.test(norm(sheet.name)) ||
        sheet.rows.some((_, r) => /fiche tutorielle/.test(label(sheet, r)))
          ? 'the tutorial'
          : sheet.rows.some((row) => row?.some((c) => norm(c?.text ?? '') === 'garanties'))
            ? "the template's drop-down lists (its adequacy column predates Schrems II and is never used)"
            : 'not a fiche';
      problems.push({ severity: 'info', sheet: sheet.name, problem: `sheet skipped: ${what}` });
      sheets.push({ sheet: sheet.name, as: 'skipped', rows: 0 });
      continue;
    }
    const fiche = ficheOf(sheet);
    if (fiche.example && !options.includeExample) {
      problems.push({
        severity: 'info',
        sheet: sheet.name,
        problem: "sheet skipped: the CNIL's example fiche (import it with the example option)",
      });
      sheets.push({ sheet: sheet.name, as: 'example (skipped)', rows: 0 });
      continue;
    }
    if (!fiche.name) {
      problems.push({
        severity: 'info',
        sheet: sheet.name,
        problem: 'sheet skipped: an empty fiche (no treatment name)',
      });
      sheets.push({ sheet: sheet.name, as: 'empty fiche', rows: 0 });
      continue;
    }
    fiches.push(fiche);
    sheets.push({ sheet: sheet.name, as: 'fiche', rows: 1 });
  }

  const usedKeys = new Set<string>();
  const keyFor = (ref: string, name: string, at: Location): string => {
    const candidates = [ref && slugify(ref), slugify(name)].filter((k): k is string => Boolean(k));
    let key = candidates.find((k) => !usedKeys.has(k)) ?? candidates[0] ?? 'traitement';
    if (candidates[0] && key !== candidates[0]) {
      problems.push({
        severity: 'warning',
        ...at,
        problem: `the N° / RÉF "${ref}" is used by another fiche: this one is recorded as "${key}"`,
      });
    }
    for (let i = 2; usedKeys.has(key); i++) key = `${candidates[0] ?? 'traitement'}-${i}`;
    usedKeys.add(key);
    return key;
  };

  const matched = new Set<number>();
  for (const fiche of fiches) {
    const index = treatments.length;
    const base = `treatments[${index}]`;
    const sheet = fiche.sheet;
    const listIndex = listRows.findIndex(
      (l, i) =>
        !matched.has(i) && ((fiche.ref && norm(l.ref) === norm(fiche.ref)) || norm(l.name) === norm(fiche.name)),
    );
    const list = listIndex >= 0 ? listRows[listIndex] : undefined;
    if (listIndex >= 0) matched.add(listIndex);
    const at: Location = { sheet: sheet.name, row: rowOf(sheet, /^nom du traitement$/) + 1 };
    const key = keyFor(fiche.ref, fiche.name, at);
    const record: Rec = { key, name: fiche.name, role: 'controller' };
    provenance.set(base, at);
    provenance.set(`${base}.key`, locate(sheet, rowOf(sheet, /^n ref$/), 1));
    provenance.set(`${base}.name`, locate(sheet, rowOf(sheet, /^nom du traitement$/), 1));
    const notes: string[] = [];
    if (fiche.ref && fiche.ref !== key) notes.push(`N° / RÉF : ${fiche.ref}`);
    const created = fiche.created ?? list?.created;
    const updated = fiche.updated ?? list?.updated;
    if (created || updated) {
      notes.push(
        [created && `fiche créée le ${created}`, updated && `mise à jour le ${updated}`].filter(Boolean).join(', ') +
          ' (registre CNIL)',
      );
    }
    readFiche(
      fiche,
      record,
      base,
      provenance,
      problems,
      org,
      orgAt,
      notes,
      options.asOf,
      (c) => (organisationCountry ??= c),
    );
    if (list) {
      const sensitive = ((record.dataCategories as Rec[] | undefined) ?? []).some((c) => c.article9 === true);
      if (list.sensitive === 'oui' && !sensitive) {
        problems.push({
          severity: 'warning',
          ...list.at,
          problem: `"${fiche.name}": the list says sensitive data "Oui", but the fiche lists no Art. 9 category`,
        });
      }
      if (list.sensitive === 'non' && sensitive) {
        problems.push({
          severity: 'warning',
          ...list.at,
          problem: `"${fiche.name}": the list says sensitive data "Non", but the fiche lists Art. 9 categories`,
        });
      }
    }
    if (notes.length) record.notes = notes.join('\n');
    record.source = { document, section: `feuille « ${sheet.name} »` };
    treatments.push({ record, at, fiche: sheet.name });
  }

  // Treatments listed without a fiche: what the list says of them.
  listRows.forEach((l, i) => {
    if (matched.has(i)) return;
    if (l.example && !options.includeExample) {
      problems.push({ severity: 'info', ...l.at, problem: "row skipped: the CNIL's example treatment" });
      return;
    }
    if (!l.name) {
      problems.push({ severity: 'error', ...l.at, problem: 'a treatment without a name' });
      return;
    }
    const index = treatments.length;
    const base = `treatments[${index}]`;
    const key = keyFor(l.ref, l.name, l.at);
    const record: Rec = { key, name: l.name, role: 'controller' };
    if (l.purpose) record.purposes = [l.purpose];
    const notes = [
      l.ref && l.ref !== key ? `N° / RÉF : ${l.ref}` : '',
      l.created || l.updated
        ? [l.created && `fiche créée le ${l.created}`, l.updated && `mise à jour le ${l.updated}`]
            .filter(Boolean)
            .join(', ') + ' (registre CNIL)'
        : '',
      l.sensitive === 'oui' ? 'Données sensibles : oui (liste des traitements)' : '',
    ].filter(Boolean);
    if (notes.length) record.notes = notes.join('\n');
    record.source = { document, section: `feuille « ${l.sheet.name} », ligne ${l.row + 1}` };
    provenance.set(base, l.at);
    provenance.set(`${base}.name`, locate(l.sheet, l.row, 0));
    problems.push({
      severity: 'warning',
      ...l.at,
      problem: `"${l.name}" has no fiche: only the list's columns (name, purpose, dates) were read`,
    });
    treatments.push({ record, at: l.at });
  });

  for (const [field, at] of orgAt) provenance.set(`organisation.${field}`, at);
  const incoming: IncomingBundle = {
    collections: {
      treatments: treatments.map((t): IncomingRecord => ({
        record: t.record as IncomingRecord['record'],
        fields: FICHE_FIELDS,
      })),
    },
  };
  if (Object.keys(org).length) incoming.organisation = { record: org, fields: Object.keys(org) };
  return { incoming, provenance, problems, sheets, organisationCountry };
}

function rowOf(sheet: Sheet, pattern: RegExp, from = 0, col = 0): number {
  for (let r = from; r < sheet.rows.length; r++) if (pattern.test(label(sheet, r, col))) return r;
  return -1;
}

function locate(sheet: Sheet, row: number, col: number): Location {
  const text = sheet.rows[row]?.[col]?.text;
  return { sheet: sheet.name, row: row + 1, cell: cellAddress(row, col), ...(text ? { value: text } : {}) };
}

function dateOf(sheet: Sheet, row: number, col: number): string | undefined {
  if (col < 0) return undefined;
  const cell = sheet.rows[row]?.[col];
  if (!cell) return undefined;
  return cell.date?.slice(0, 10) ?? frenchDate(cell.text) ?? (cell.text.trim() || undefined);
}

function listColumns(sheet: Sheet, header: number) {
  const find = (pattern: RegExp) => {
    for (const r of [header, header - 1]) {
      const i = (sheet.rows[r] ?? []).findIndex((c) => pattern.test(norm(c?.text ?? '')));
      if (i >= 0) return i;
    }
    return -1;
  };
  return {
    name: find(/^nom du traitement$/),
    ref: find(/^n ref$/),
    created: find(/^date de creation/),
    updated: find(/mise a jour/),
    purpose: find(/^finalite/),
    sensitive: find(/donnees sensibles|^oui non$/),
  };
}

/** The three contact blocks of the list sheet ("Nom :", "Prénom :"… each followed by its value). */
function readContactBlocks(sheet: Sheet, header: number, org: Rec, orgAt: Map<string, Location>) {
  const blocks: { kind: 'contact' | 'representative' | 'dpo'; rows: number[] }[] = [];
  for (let r = 0; r < header; r++) {
    const l = label(sheet, r);
    if (/^coordonnees du responsable/.test(l)) blocks.push({ kind: 'contact', rows: [r] });
    else if (/^coordonnees du representant/.test(l)) blocks.push({ kind: 'representative', rows: [r] });
    else if (/^coordonnees du delegue|dpo/.test(l)) blocks.push({ kind: 'dpo', rows: [r] });
    else if (blocks.length && !l) blocks[blocks.length - 1].rows.push(r);
  }
  for (const block of blocks) {
    const fields: Record<string, { text: string; at: Location }> = {};
    for (const r of block.rows) {
      const cells = sheet.rows[r] ?? [];
      cells.forEach((cell, c) => {
        const key = norm(cell?.text ?? '');
        if (!cell?.text.trim().endsWith(':')) return;
        const text = value(sheet, r, c + 1);
        if (text && !text.endsWith(':')) fields[key] = { text, at: locate(sheet, r, c + 1) };
      });
    }
    const get = (k: string) => fields[k]?.text;
    const name = [get('prenom'), get('nom')].filter(Boolean).join(' ');
    const address = [get('adresse'), [get('code postal'), get('ville')].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    const contact: Rec = {};
    if (name) contact.name = name;
    if (address) contact.address = address;
    if (get('telephone')) contact.phone = get('telephone');
    if (get('adresse mel')) contact.email = get('adresse mel');
    if (block.kind === 'dpo' && get('societe si dpo externe'))
      contact.role = `DPO externe — ${get('societe si dpo externe')}`;
    if (!Object.keys(contact).length) continue;
    const at = Object.values(fields)[0]?.at ?? { sheet: sheet.name, row: block.rows[0] + 1 };
    if (block.kind === 'representative') {
      const { name: n, ...rest } = contact;
      org.representative = { name: n ?? '(sans nom)', ...(Object.keys(rest).length ? { contact: rest } : {}) };
    } else org[block.kind] = contact;
    orgAt.set(block.kind, at);
    if (block.kind === 'contact' && fields['adresse mel']) orgAt.set('contact.email', fields['adresse mel'].at);
    if (block.kind === 'dpo' && fields['adresse mel']) orgAt.set('dpo.email', fields['adresse mel'].at);
  }
}

function ficheOf(sheet: Sheet): Fiche {
  const at = (pattern: RegExp) => {
    const r = rowOf(sheet, pattern);
    return r < 0 ? '' : firstValue(sheet, r);
  };
  const title = norm(sheet.rows[0]?.[0]?.text ?? '');
  const ref = at(/^n ref$/);
  const createdRow = rowOf(sheet, /^date de creation/);
  const updatedRow = rowOf(sheet, /mise a jour/);
  const name = at(/^nom du traitement$/);
  return {
    sheet,
    name,
    ref,
    created: createdRow >= 0 ? dateOf(sheet, createdRow, firstValueCol(sheet, createdRow)) : undefined,
    updated: updatedRow >= 0 ? dateOf(sheet, updatedRow, firstValueCol(sheet, updatedRow)) : undefined,
    example: /exemple/.test(norm(ref)) || (/exemple de fiche/.test(title) && norm(name) === 'gestion de la paie'),
  };
}

function firstValueCol(sheet: Sheet, row: number): number {
  const cells = sheet.rows[row] ?? [];
  for (let c = 1; c < cells.length; c++) if (value(sheet, row, c)) return c;
  return 1;
}

function firstValue(sheet: Sheet, row: number): string {
  return value(sheet, row, firstValueCol(sheet, row));
}

const SECTIONS: { id: string; header: RegExp }[] = [
  { id: 'actors', header: /^acteurs$/ },
  { id: 'purposes', header: /^finalite s? du traitement/ },
  { id: 'categories', header: /^categories de donnees personnelles/ },
  { id: 'sensitive', header: /^donnees sensibles$/ },
  { id: 'subjects', header: /^categories de personnes concernees$/ },
  { id: 'recipients', header: /^destinataires$/ },
  { id: 'measures', header: /^mesures de securite$/ },
  { id: 'transfers', header: /^transferts hors (ue|union europeenne)/ },
];

interface Section {
  id: string;
  header: number;
  rows: number[];
  col: (pattern: RegExp, fallback: number) => number;
}

function sectionsOf(sheet: Sheet): Map<string, Section> {
  const found: Section[] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const l = label(sheet, r);
    const s = SECTIONS.find((x) => x.header.test(l));
    if (s) {
      const headerCells = (sheet.rows[r] ?? []).map((c) => norm(c?.text ?? ''));
      found.push({
        id: s.id,
        header: r,
        rows: [],
        col: (pattern, fallback) => {
          const i = headerCells.findIndex((h, c) => c > 0 && pattern.test(h));
          return i >= 0 ? i : fallback;
        },
      });
      continue;
    }
    const current = found[found.length - 1];
    if (current && (l || (sheet.rows[r] ?? []).some((c) => c?.text.trim()))) current.rows.push(r);
  }
  return new Map(found.map((s) => [s.id, s]));
}

const CATEGORY_MEANINGS: { pattern: RegExp; category: DataCategory; flags?: Rec; keepLabel?: boolean }[] = [
  { pattern: /securite sociale|\bnir\b/, category: 'nir', flags: { nir: true } },
  { pattern: /sante/, category: 'health', flags: { health: true, article9: true } },
  { pattern: /condamnation|infraction|penal/, category: 'offences', flags: { article9: true } },
  {
    pattern:
      /origine raciale|ethnique|opinions? politique|convictions? religieuse|philosophique|syndicale|genetique|biometrique|vie sexuelle|orientation sexuelle/,
    category: 'sensitive',
    flags: { article9: true },
    keepLabel: true,
  },
  { pattern: /\betat civil\b|\bidentite\b|\bidentification\b|\bimages?\b/, category: 'identity' },
  {
    pattern: /\beconomique\b|\bfinancier(e|es)?\b|\brevenus\b|\bfiscale\b|\bbancaires?\b/,
    category: 'economic-financial',
  },
  { pattern: /\bvie personnelle\b|\bhabitudes de vie\b|\bsituation familiale\b/, category: 'personal-life' },
  { pattern: /\bvie professionnelle\b|\bcarriere\b|\bcv\b|\bformations?\b/, category: 'professional-life' },
  { pattern: /connexion|adresse ip|\blogs?\b/, category: 'connection' },
  { pattern: /localisation|gps|deplacements/, category: 'location' },
];

const RECIPIENT_MEANINGS: { pattern: RegExp; kind: RecipientKind }[] = [
  { pattern: /service interne/, kind: 'internal' },
  { pattern: /sous traitant/, kind: 'processor' },
  { pattern: /pays tiers|organisations? internationales?/, kind: 'third-country' },
  { pattern: /partenaire/, kind: 'partner' },
  { pattern: /autre/, kind: 'other' },
];

function readFiche(
  fiche: Fiche,
  record: Rec,
  base: string,
  provenance: Provenance,
  problems: ImportProblem[],
  org: Rec,
  orgAt: Map<string, Location>,
  notes: string[],
  asOf: string,
  sawCountry: (code: string) => void,
): void {
  const sheet = fiche.sheet;
  const sections = sectionsOf(sheet);
  /** A cell of a section, with the header its column has in the section's header row ("Pays"). */
  const at = (section: Section, r: number, col: number): Location => {
    const column = sheet.rows[section.header]?.[col]?.text.trim();
    return { ...locate(sheet, r, col), ...(column ? { column } : {}) };
  };

  // Actors
  const actors = sections.get('actors');
  if (actors) {
    const col = {
      name: actors.col(/^nom$/, 1),
      address: actors.col(/^adresse$/, 2),
      postcode: actors.col(/^code postal$/, 3),
      city: actors.col(/^ville$/, 4),
      country: actors.col(/^pays$/, 5),
      phone: actors.col(/^telephone$/, 6),
      email: actors.col(/^adresse mel|^e ?mail|^courriel/, 7),
    };
    let role: string | undefined;
    const joint: Actor[] = [];
    for (const r of actors.rows) {
      const l = label(sheet, r);
      if (l) role = l;
      const actor: Actor = {
        name: value(sheet, r, col.name),
        address: value(sheet, r, col.address),
        postcode: value(sheet, r, col.postcode),
        city: value(sheet, r, col.city),
        country: value(sheet, r, col.country),
        phone: value(sheet, r, col.phone),
        email: value(sheet, r, col.email),
        at: at(actors, r, col.name),
      };
      const any = Object.entries(actor).some(([k, v]) => k !== 'at' && v);
      if (!any || !role) continue;
      const country = actor.country ? countryOf(actor.country) : undefined;
      if (/^responsable du traitement$/.test(role)) {
        if (country) sawCountry(country);
        mergeContact(org, 'contact', contactOf(actor), actor.at, orgAt, problems, notes, 'controller');
      } else if (/^delegue a la protection/.test(role)) {
        mergeContact(org, 'dpo', contactOf(actor), actor.at, orgAt, problems, notes, 'DPO');
      } else if (/^societe du dpo/.test(role)) {
        if (actor.name) {
          const dpo = (org.dpo as Rec | undefined) ?? {};
          if (!dpo.role) dpo.role = `DPO externe — ${actor.name}`;
          org.dpo = dpo;
        }
      } else if (/^representant/.test(role)) {
        if (!org.representative && actor.name) {
          const { name: _n, ...contact } = contactOf(actor);
          org.representative = {
            name: actor.name,
            ...(country && isCountryCode(country) ? { country } : {}),
            ...(Object.keys(contact).length ? { contact } : {}),
          };
          orgAt.set('representative', actor.at);
        }
      } else if (/^responsable s? conjoint/.test(role)) joint.push(actor);
    }
    if (joint.length) {
      record.jointControllers = joint.map((a, j) => {
        const country = a.country ? countryOf(a.country) : undefined;
        const { name: _n, ...contact } = contactOf(a);
        provenance.set(`${base}.jointControllers[${j}]`, a.at);
        if (a.country) provenance.set(`${base}.jointControllers[${j}].country`, { ...a.at, value: a.country });
        return {
          name: a.name || '(sans nom)',
          ...(country ? { country } : a.country ? { country: a.country } : {}),
          ...(Object.keys(contact).length ? { contact } : {}),
        };
      });
    }
  }

  // Purposes: the main one, then the sub-purposes.
  const purposes = sections.get('purposes');
  if (purposes) {
    const list: string[] = [];
    for (const r of purposes.rows) {
      const text = firstValue(sheet, r);
      if (!text) continue;
      provenance.set(`${base}.purposes[${list.length}]`, locate(sheet, r, firstValueCol(sheet, r)));
      list.push(text);
    }
    if (list.length) {
      record.purposes = list;
      provenance.set(`${base}.purposes`, locate(sheet, purposes.rows[0], 1));
    }
  }

  // Data categories, then the Art. 9 ones.
  const categories: Rec[] = [];
  for (const id of ['categories', 'sensitive']) {
    const s = sections.get(id);
    if (!s) continue;
    const desc = s.col(/^description$/, 1);
    const ret = s.col(/^duree de conservation$/, 4);
    for (const r of s.rows) {
      const rowLabel = sheet.rows[r]?.[0]?.text.trim() ?? '';
      const description = value(sheet, r, desc);
      const retention = value(sheet, r, ret);
      if (!description && !retention) continue;
      const meaning = CATEGORY_MEANINGS.find((m) => m.pattern.test(norm(rowLabel)));
      const j = categories.length;
      const path = `${base}.dataCategories[${j}]`;
      const category: Rec = { category: meaning?.category ?? (id === 'sensitive' ? 'sensitive' : 'other') };
      const shortLabel = rowLabel
        .replace(/^Données révélant (les |l')?/i, '')
        .replace(/…$/, '')
        .trim();
      category.label =
        meaning && !meaning.keepLabel
          ? description || rowLabel
          : description
            ? `${shortLabel} : ${description}`
            : rowLabel || description;
      Object.assign(category, meaning?.flags ?? (id === 'sensitive' ? { article9: true } : {}));
      if (retention) {
        category.retention = retention;
        const period = readRetention(retention);
        if (period.period) category.retentionPeriod = period.period;
        else if (period.why)
          problems.push({
            severity: 'info',
            ...locate(sheet, r, ret),
            field: `${path}.retention`,
            problem: `retention kept as text only: ${period.why}`,
          });
      }
      if (!meaning) {
        problems.push({
          severity: 'warning',
          ...locate(sheet, r, 0),
          field: `${path}.category`,
          problem: `"${rowLabel}" is not one of the CNIL's categories: recorded as "${String(category.category)}"`,
        });
      }
      provenance.set(path, locate(sheet, r, 0));
      provenance.set(`${path}.label`, at(s, r, desc));
      if (retention) provenance.set(`${path}.retention`, at(s, r, ret));
      categories.push(category);
    }
  }
  if (categories.length) record.dataCategories = categories;

  // Data subjects: the type from the list, and its details.
  const subjects = sections.get('subjects');
  if (subjects) {
    const type = subjects.col(/^description$/, 1);
    const details = subjects.col(/^precisions$/, 4);
    const list: string[] = [];
    for (const r of subjects.rows) {
      const t = value(sheet, r, type);
      const d = value(sheet, r, details);
      if (!t && !d) continue;
      provenance.set(`${base}.dataSubjects[${list.length}]`, at(subjects, r, type));
      list.push(!t || /^autres? \(?preciser\)?$/.test(norm(t)) ? d || t : d ? `${t} — ${d}` : t);
    }
    if (list.length) record.dataSubjects = list;
  }

  // Recipients
  const recipients = sections.get('recipients');
  if (recipients) {
    const type = recipients.col(/^type de destinataire$/, 1);
    const details = recipients.col(/^precisions$/, 4);
    const list: Rec[] = [];
    for (const r of recipients.rows) {
      const t = value(sheet, r, type);
      const d = value(sheet, r, details);
      if (!t && !d) continue;
      const kind = RECIPIENT_MEANINGS.find((m) => m.pattern.test(norm(t)))?.kind ?? 'other';
      if (t && !RECIPIENT_MEANINGS.some((m) => m.pattern.test(norm(t)))) {
        problems.push({
          severity: 'warning',
          ...at(recipients, r, type),
          problem: `"${t}" is not one of the CNIL's recipient types: recorded as "other"`,
        });
      }
      provenance.set(`${base}.recipients[${list.length}]`, at(recipients, r, type));
      list.push({ kind, name: d || t });
    }
    if (list.length) record.recipients = list;
  }

  // Security measures
  const measures = sections.get('measures');
  if (measures) {
    const type = measures.col(/^type de mesure/, 1);
    const details = measures.col(/^precisions$/, 4);
    const list: Rec[] = [];
    for (const r of measures.rows) {
      const t = value(sheet, r, type);
      const d = value(sheet, r, details);
      if (!t && !d) continue;
      provenance.set(`${base}.securityMeasures[${list.length}]`, at(measures, r, type));
      list.push(t ? { title: t, ...(d ? { description: d } : {}) } : { title: d });
    }
    if (list.length) record.securityMeasures = list;
  }

  // Transfers outside the EU
  const transfers = sections.get('transfers');
  if (transfers) {
    const recipientCol = transfers.col(/^destinataire$/, 1);
    const countryCol = transfers.col(/^pays$/, 2);
    const safeguardCol = transfers.col(/^type de garanties?$/, 3);
    const docCol = transfers.col(/^liens? vers la documentation$/, 5);
    const list: Rec[] = [];
    for (const r of transfers.rows) {
      const recipient = value(sheet, r, recipientCol);
      const countryText = value(sheet, r, countryCol);
      const safeguardText = value(sheet, r, safeguardCol);
      const doc = value(sheet, r, docCol);
      if (!recipient && !countryText && !safeguardText && !doc) continue;
      const j = list.length;
      const path = `${base}.transfers[${j}]`;
      const code = countryOf(countryText);
      const transfer: Rec = { recipient: recipient || '(non précisé)', country: code ?? countryText };
      provenance.set(path, at(transfers, r, recipientCol));
      provenance.set(`${path}.country`, at(transfers, r, countryCol));
      provenance.set(`${path}.recipient`, at(transfers, r, recipientCol));
      if (code && isEea(code)) {
        problems.push({
          severity: 'info',
          ...at(transfers, r, countryCol),
          problem: `${countryName(code, 'en')} is in the EEA: no transfer outside it, recorded as written`,
        });
      }
      const safeguard = safeguardOf(safeguardText, doc, code, asOf);
      if (safeguard.safeguard) transfer.safeguard = safeguard.safeguard;
      if (safeguard.warning)
        problems.push({
          severity: 'warning',
          ...at(transfers, r, safeguardCol),
          field: `${path}.safeguard`,
          problem: safeguard.warning,
        });
      provenance.set(`${path}.safeguard`, at(transfers, r, safeguardCol));
      list.push(transfer);
    }
    if (list.length) record.transfers = list;
  }
}

function countryOf(text: string): string | undefined {
  if (!text) return undefined;
  const upper = text.trim().toUpperCase();
  if (isCountryCode(upper)) return upper;
  return countryCodeFromName(text);
}

function contactOf(a: Actor): Rec {
  const out: Rec = {};
  if (a.name) out.name = a.name;
  const place = [a.postcode, a.city].filter(Boolean).join(' ');
  const country = a.country && !/^france$/i.test(a.country) ? a.country : '';
  const address = [a.address, place, country].filter(Boolean).join(', ');
  if (address) out.address = address;
  if (a.phone) out.phone = a.phone;
  if (a.email) out.email = a.email;
  return out;
}

/** The organisation's contact or DPO: the first stated wins; a fiche naming someone else says so. */
function mergeContact(
  org: Rec,
  field: 'contact' | 'dpo',
  contact: Rec,
  at: Location,
  orgAt: Map<string, Location>,
  problems: ImportProblem[],
  notes: string[],
  what: string,
): void {
  if (!Object.keys(contact).length) return;
  const current = org[field] as Rec | undefined;
  if (!current) {
    org[field] = contact;
    orgAt.set(field, at);
    if (contact.email) orgAt.set(`${field}.email`, { ...at, value: str(contact.email) });
    return;
  }
  if (current.name && contact.name && norm(str(current.name)) !== norm(str(contact.name))) {
    notes.push(`${what} de cette fiche : ${[str(contact.name), str(contact.email)].filter(Boolean).join(', ')}`);
    problems.push({
      severity: 'warning',
      ...at,
      problem: `this fiche names another ${what} (${str(contact.name)}) than the organisation's (${str(current.name)}): kept in the treatment's notes`,
    });
    return;
  }
  for (const [k, v] of Object.entries(contact)) if (current[k] === undefined) current[k] = v;
}

/**
 * The template's "Type de garanties" by meaning. A claim of adequacy is recorded as a claim and
 * checked against Registre's reference data, never against the template's country list.
 */
function safeguardOf(
  text: string,
  doc: string,
  country: string | undefined,
  asOf: string,
): { safeguard?: Rec; warning?: string } {
  const n = norm(text);
  const details = [text, doc].filter(Boolean).join(' — ');
  const withDetails = (kind: SafeguardKind) => ({ kind, ...(details ? { details } : {}) });
  if (!n)
    return doc
      ? { safeguard: { kind: 'none', details: doc }, warning: 'a documentation link but no type of safeguard' }
      : {};
  if (/clauses contractuelles|\bcct\b|\bscc\b/.test(n)) return { safeguard: withDetails('scc-unspecified') };
  if (/\bbcr\b|regles d entreprise contraignantes/.test(n)) return { safeguard: withDetails('bcr') };
  if (/derogation|art(icle)? 49/.test(n)) return { safeguard: withDetails('derogation') };
  if (/privacy shield/.test(n)) {
    return {
      safeguard: withDetails('none'),
      warning:
        'the Privacy Shield is no transfer safeguard any more (invalidated by the CJEU, Schrems II): a US recipient needs the Data Privacy Framework (its certification) or SCC 2021/914',
    };
  }
  if (/adequat|adequation/.test(n)) {
    const decision = country ? adequacyOn(country, asOf) : undefined;
    const warning = !country
      ? 'adequacy claimed for no readable country'
      : decision?.scope === 'full'
        ? undefined
        : decision?.scope === 'dpf-only'
          ? `${countryName(country, 'en')} is adequate only for organisations certified under the EU–US Data Privacy Framework: check the recipient's certification (the template's list predates Schrems II)`
          : decision
            ? `the adequacy decision for ${countryName(country, 'en')} is partial (${decision.decision}): check it covers this recipient`
            : `the EU has no adequacy decision for ${countryName(country, 'en')} on ${asOf}: the transfer needs another safeguard (Registre's reference data, not the template's list)`;
    return { safeguard: withDetails('adequacy'), ...(warning ? { warning } : {}) };
  }
  if (/code de conduite/.test(n) || /certification/.test(n)) {
    return {
      safeguard: withDetails('none'),
      warning: `"${text}" (GDPR art. 46(2)(e)–(f)) is not a safeguard Registre checks yet: kept as text, the transfer is checked as having none`,
    };
  }
  return { safeguard: withDetails('none'), warning: `"${text}" is not a safeguard the template lists: kept as text` };
}
