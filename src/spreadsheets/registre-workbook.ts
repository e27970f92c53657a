import type { BundleDto } from '../bundles/bundle.dto';
import type { IncomingBundle, IncomingRecord } from '../bundles/import-plan';
import type { Lang } from '../common/i18n';
import { isCountryCode, normaliseName } from '../reference/countries';
import type { CollectionName } from '../records/record-kinds';
import {
  BOOLEAN_LABELS,
  codeLabel,
  composedSheetName,
  fieldHeader,
  humanise,
  LISTS_SHEET,
  positionHeader,
  README_SHEET,
  recordName,
  sheetName,
} from './labels';
import { ImportProblem, Location, Provenance } from './problems';
import { FieldSpec, SheetSpec, workbookSpecs } from './schema';
import { Cell, cellAddress, Sheet, Table } from './table';
import { editDistance, fromCell, OutCell, slugify, toCell } from './values';
import type { OutColumn, OutSheet, OutValidation, OutWorkbook } from './writers';

/**
 * Registre's own workbook: a read-me, one sheet per collection and per list inside a record, and a
 * sheet of the allowed values the drop-down lists point at. The same layout is written empty (the
 * template a DPO fills by hand) or filled (an export), and read back by `readRegistreWorkbook`, so
 * that export → import → export gives the same data.
 */

const SPARE_ROWS = 300;

type Rec = Record<string, unknown>;

interface Column {
  kind: 'parent' | 'position' | 'field';
  field?: FieldSpec;
  /** For positions: which enclosing list. */
  level?: number;
  header: Record<Lang, string>;
  note: Record<Lang, string>;
}

function columnsOf(spec: SheetSpec): Column[] {
  const out: Column[] = [];
  const both = (f: (lang: Lang) => string) => ({ fr: f('fr'), en: f('en') });
  if (spec.listPath.length && !spec.single) {
    out.push({
      kind: 'parent',
      header: both((lang) => recordName(spec.collection, lang)),
      note: both((lang) =>
        lang === 'fr'
          ? `Obligatoire. Clé de l'enregistrement de la feuille « ${sheetName(mainSpec(spec.collection), lang)} » auquel la ligne appartient.`
          : `Required. Key of the record of sheet "${sheetName(mainSpec(spec.collection), lang)}" the row belongs to.`,
      ),
    });
  }
  spec.enclosing.forEach((path, level) =>
    out.push({
      kind: 'position',
      level,
      header: both((lang) => positionHeader(spec.collection, path, lang)),
      note: both((lang) =>
        lang === 'fr' ? 'Obligatoire. Position dans la liste (1, 2, …).' : 'Required. Position in the list (1, 2, …).',
      ),
    }),
  );
  for (const field of spec.fields) {
    out.push({
      kind: 'field',
      field,
      header: both((lang) => fieldHeader(spec, field, lang)),
      note: both((lang) => fieldNote(spec, field, lang)),
    });
  }
  // Headers must tell columns apart; a field another module adds may collide with an existing label.
  for (const lang of ['fr', 'en'] as const) {
    const seen = new Set<string>();
    for (const c of out) {
      if (seen.has(c.header[lang])) c.header[lang] = `${c.header[lang]} (${c.field?.recordPath ?? c.kind})`;
      seen.add(c.header[lang]);
    }
  }
  return out;
}

function mainSpec(collection: string): SheetSpec {
  const found = workbookSpecs().find((s) => s.collection === collection && !s.listPath.length);
  if (!found) throw new Error(`no sheet for ${collection}`);
  return found;
}

const NOTES_FR: Record<string, string> = {
  'engagements:client':
    "Vide quand l'organisme est le client ; sinon la clé du sous-traitant qui a recruté ce prestataire (chaîne).",
  'engagements:processingArea': 'Quand le contrat place le traitement dans l’UE ou l’EEE sans nommer de pays.',
  'engagements:healthData':
    'Non : le contrat dit que le prestataire ne reçoit pas de données de santé ; vide : non précisé.',
  'treatments:hdsActivitiesInHouse': "Activités HDS que l'organisme assure lui-même (aucun certificat requis).",
  'treatments:dataCategories[].retentionPeriod.value':
    'Rempli par Registre quand la durée se lit dans le texte ; le texte fait foi.',
  'subcontractors:dpfCertified': 'Organisation américaine certifiée Data Privacy Framework.',
  'waivers:findingId': 'Identifiant du constat, tel que le rapport de conformité le donne.',
};

function fieldNote(spec: SheetSpec, field: FieldSpec, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  if (field.required) parts.push(fr ? 'Obligatoire.' : 'Required.');
  const many = field.list;
  switch (field.kind) {
    case 'text':
      parts.push(
        many
          ? fr
            ? 'Une valeur par ligne (Alt+Entrée dans la cellule).'
            : 'One value per line (Alt+Enter in the cell).'
          : field.maxLength
            ? fr
              ? `Texte libre (${field.maxLength} caractères au plus).`
              : `Free text (at most ${field.maxLength} characters).`
            : fr
              ? 'Texte libre.'
              : 'Free text.',
      );
      break;
    case 'int':
    case 'number': {
      const range =
        field.min !== undefined && field.max !== undefined
          ? ` ${fr ? 'de' : 'from'} ${field.min} ${fr ? 'à' : 'to'} ${field.max}`
          : '';
      parts.push(
        fr
          ? `Nombre${field.kind === 'int' ? ' entier' : ''}${range}${many ? ', un par ligne' : ''}.`
          : `${field.kind === 'int' ? 'Whole number' : 'Number'}${range}${many ? ', one per line' : ''}.`,
      );
      break;
    }
    case 'bool':
      parts.push(fr ? 'Oui ou Non.' : 'Yes or No.');
      break;
    case 'date':
      parts.push(fr ? 'Date (AAAA-MM-JJ ou JJ/MM/AAAA).' : 'Date (YYYY-MM-DD).');
      break;
    case 'instant':
    case 'date-or-instant':
      parts.push(
        fr
          ? `Date et heure avec décalage, ex. 2026-03-02T10:00:00+01:00 (sans décalage : heure de Paris)${field.kind === 'date-or-instant' ? ' ; ou une date seule' : ''}.`
          : `Date and time with offset, e.g. 2026-03-02T10:00:00+01:00 (without one: Paris time)${field.kind === 'date-or-instant' ? '; or a date alone' : ''}.`,
      );
      break;
    case 'country':
      parts.push(
        many
          ? fr
            ? 'Codes pays ISO (FR, DE, US…), un par ligne ; les noms de pays sont acceptés.'
            : 'ISO country codes (FR, DE, US…), one per line; country names are accepted.'
          : fr
            ? 'Code pays ISO (FR, DE, US…) ; le nom du pays est accepté.'
            : 'ISO country code (FR, DE, US…); the country name is accepted.',
      );
      break;
    case 'enum': {
      const labels = (field.values ?? []).map((v) => codeLabel(field.values ?? [], v, lang));
      if (many) {
        parts.push(
          fr
            ? `Une ou plusieurs valeurs, une par ligne : ${labels.join(' ; ')}.`
            : `One or more values, one per line: ${labels.join('; ')}.`,
        );
      } else parts.push(fr ? 'Choisir dans la liste.' : 'Choose from the list.');
      break;
    }
    case 'key':
      if (field.ownKey) {
        parts.push(
          fr
            ? 'Identifiant stable, unique : minuscules, chiffres, « - », « . », « _ » (ex. dossier-patient). Les autres feuilles y renvoient.'
            : 'Stable unique identifier: lower-case letters, digits, "-", ".", "_" (e.g. patient-record). Other sheets refer to it.',
        );
      } else if (field.ref) {
        const target = sheetName(mainSpec(field.ref), lang);
        const fixed = field.except?.length
          ? fr
            ? ` ou : ${field.except.join(', ')}`
            : ` or: ${field.except.join(', ')}`
          : '';
        parts.push(
          fr
            ? `Clé d'un enregistrement de la feuille « ${target} »${fixed}${many ? ', une par ligne' : ''}.`
            : `Key of a record of sheet "${target}"${fixed}${many ? ', one per line' : ''}.`,
        );
      }
      break;
  }
  const specific = fr ? NOTES_FR[`${spec.collection}:${field.recordPath}`] : undefined;
  if (specific) parts.push(specific);
  else if (!fr && field.description) parts.push(capitalise(field.description) + '.');
  return parts.join(' ');
}

const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

function widthOf(c: Column): number {
  if (c.kind !== 'field' || !c.field) return 14;
  const f = c.field;
  if (f.kind === 'key') return f.ownKey ? 22 : 20;
  if (f.kind === 'date') return 12;
  if (f.kind === 'bool') return 10;
  if (f.kind === 'int' || f.kind === 'number') return 12;
  if (f.kind === 'country') return f.list ? 14 : 10;
  if (f.kind === 'instant' || f.kind === 'date-or-instant') return 26;
  if (f.kind === 'enum') return 28;
  return (f.maxLength ?? 0) > 1000 ? 50 : 36;
}

// ------------------------------------------------------------------ lists of allowed values

interface ListColumn {
  id: string;
  header: string;
  values: string[];
}

function listsFor(lang: Lang): { columns: ListColumn[]; byField: (f: FieldSpec) => ListColumn | undefined } {
  const columns: ListColumn[] = [];
  const byId = new Map<string, ListColumn>();
  const add = (id: string, header: string, values: string[]) => {
    let c = byId.get(id);
    if (!c) {
      c = { id, header, values };
      byId.set(id, c);
      columns.push(c);
    }
    return c;
  };
  const idOf = (values: readonly string[]) => values.join('|');
  const countries: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) countries.push(code);
    }
  const byField = (f: FieldSpec): ListColumn | undefined => {
    if (f.list) return undefined;
    if (f.kind === 'bool')
      return add('bool', lang === 'fr' ? 'Oui / Non' : 'Yes / No', [
        BOOLEAN_LABELS.true[lang],
        BOOLEAN_LABELS.false[lang],
      ]);
    if (f.kind === 'country')
      return add('country', lang === 'fr' ? 'Pays (code ISO)' : 'Country (ISO code)', countries);
    if (f.kind === 'enum' && f.values) {
      const id = idOf(f.values);
      const spec = workbookSpecs().find((s) => s.fields.includes(f));
      let header = spec ? fieldHeader(spec, f, lang) : humanise(f.path[f.path.length - 1]);
      // Two vocabularies with the same header ("Type" of a guarantee, "Type" of a safeguard): name the sheet.
      if (spec && columns.some((c) => c.header === header && c.id !== id)) header += ` (${sheetName(spec, lang)})`;
      return add(
        id,
        header,
        f.values.map((v) => codeLabel(f.values ?? [], v, lang)),
      );
    }
    return undefined;
  };
  for (const spec of workbookSpecs()) for (const f of spec.fields) byField(f);
  return { columns, byField };
}

// ------------------------------------------------------------------ writing

export interface WorkbookOptions {
  lang: Lang;
  /** Day shown in the read-me. */
  generatedOn: string;
  created: Date;
}

/** The workbook of an organisation (its bundle), or the empty template when `bundle` is undefined. */
export function registreWorkbook(bundle: BundleDto | undefined, options: WorkbookOptions): OutWorkbook {
  const { lang } = options;
  const lists = listsFor(lang);
  const listsName = LISTS_SHEET[lang];
  const specs = workbookSpecs();
  const counts = new Map<string, number>();
  const sheets: OutSheet[] = [];
  for (const spec of specs) {
    const columns = columnsOf(spec);
    const rows = bundle ? rowsOf(spec, columns, bundle, lang) : [];
    counts.set(spec.id, rows.length);
    sheets.push({
      name: sheetName(spec, lang),
      columns: columns.map((c): OutColumn => ({
        header: c.header[lang],
        note: c.note[lang],
        width: widthOf(c),
        kind:
          c.field?.kind === 'date'
            ? 'date'
            : c.field && (c.field.kind === 'int' || c.field.kind === 'number') && !c.field.list
              ? 'number'
              : 'text',
        validation: validationOf(c, lists.byField, listsName, lang, bundle),
      })),
      rows,
      spareRows: spec.single && !spec.listPath.length ? Math.max(0, 1 - rows.length) : SPARE_ROWS,
    });
  }
  const readme = readmeSheet(bundle, options, specs, counts);
  const listSheet: OutSheet = {
    name: listsName,
    plain: true,
    columns: lists.columns.map((c) => ({
      header: c.header,
      width: Math.min(60, Math.max(12, ...c.values.map((v) => v.length))),
      kind: 'text',
    })),
    rows: Array.from({ length: Math.max(0, ...lists.columns.map((c) => c.values.length)) }, (_, r) =>
      lists.columns.map((c) => c.values[r]),
    ),
  };
  return {
    title: bundle
      ? `Registre — ${bundle.organisation.name}`
      : lang === 'fr'
        ? 'Registre — modèle à remplir'
        : 'Registre — template',
    created: options.created,
    sheets: [readme, ...sheets, listSheet],
  };
}

function validationOf(
  c: Column,
  byField: (f: FieldSpec) => ListColumn | undefined,
  listsName: string,
  lang: Lang,
  bundle: BundleDto | undefined,
): OutValidation | undefined {
  const f = c.field;
  const fr = lang === 'fr';
  const keyList = (collection: string): OutValidation => {
    const n = ((bundle as unknown as Record<string, unknown[] | undefined>)?.[collection] ?? []).length;
    return {
      sheet: sheetName(mainSpec(collection), lang),
      column: 0,
      firstRow: 3,
      lastRow: 2 + n + SPARE_ROWS,
      strict: false,
      message: fr
        ? `Une clé de la feuille « ${sheetName(mainSpec(collection), lang)} ».`
        : `A key of sheet "${sheetName(mainSpec(collection), lang)}".`,
    };
  };
  if (c.kind === 'parent') return undefined;
  if (!f || f.list) return undefined;
  if (f.kind === 'key' && f.ref && !f.except?.length) return keyList(f.ref);
  const list = byField(f);
  if (!list) return undefined;
  const column = listColumnIndex(list, byField);
  return {
    sheet: listsName,
    column,
    firstRow: 2,
    lastRow: 1 + list.values.length,
    strict: f.kind !== 'country',
    message:
      f.kind === 'country'
        ? fr
          ? 'Un code pays ISO à deux lettres (FR, DE, US…).'
          : 'A two-letter ISO country code (FR, DE, US…).'
        : fr
          ? 'Choisir une valeur de la liste.'
          : 'Choose a value from the list.',
  };
}

function listColumnIndex(list: ListColumn, byField: (f: FieldSpec) => ListColumn | undefined): number {
  // The lists sheet holds its columns in the order they were first met; find this one's place.
  const order: ListColumn[] = [];
  for (const spec of workbookSpecs()) {
    for (const f of spec.fields) {
      const c = byField(f);
      if (c && !order.includes(c)) order.push(c);
    }
  }
  return order.indexOf(list);
}

function readmeSheet(
  bundle: BundleDto | undefined,
  options: WorkbookOptions,
  specs: SheetSpec[],
  counts: Map<string, number>,
): OutSheet {
  const fr = options.lang === 'fr';
  const lines: OutCell[][] = [
    [
      bundle
        ? fr
          ? `Registre — classeur de ${bundle.organisation.name} (${bundle.organisation.slug})`
          : `Registre — workbook of ${bundle.organisation.name} (${bundle.organisation.slug})`
        : fr
          ? 'Registre — classeur à remplir'
          : 'Registre — workbook to fill in',
    ],
    [
      fr
        ? `Généré le ${options.generatedOn} par Registre (format registre-workbook 1).`
        : `Generated on ${options.generatedOn} by Registre (format registre-workbook 1).`,
    ],
    [],
    [
      fr
        ? "Une feuille par collection ; les listes d'un enregistrement (catégories de données, destinataires, transferts, mesures, utilisations…) ont chacune leur feuille, dont chaque ligne nomme son enregistrement par sa clé."
        : 'One sheet per collection; the lists inside a record (data categories, recipients, transfers, measures, uses…) each have their own sheet, whose rows name their record by its key.',
    ],
    [
      fr
        ? 'Ligne 1 : les en-têtes. Ligne 2 : ce que chaque colonne attend. Les données commencent à la ligne 3.'
        : 'Row 1: headers. Row 2: what each column expects. Data starts on row 3.',
    ],
    [
      fr
        ? 'Plusieurs valeurs dans une cellule : une par ligne (Alt+Entrée).'
        : 'Several values in one cell: one per line (Alt+Enter).',
    ],
    [
      fr
        ? `Les listes déroulantes proposent les valeurs admises ; la feuille « ${LISTS_SHEET.fr} » les rassemble.`
        : `Drop-down lists offer the allowed values; sheet "${LISTS_SHEET.en}" holds them.`,
    ],
    [
      fr
        ? "Import : « registre import FICHIER --dry-run » (ou l'aperçu de l'application) montre ce qui sera créé, modifié ou laissé tel quel, et chaque problème par feuille, ligne et colonne ; sans --dry-run, tout est écrit ou rien."
        : 'Import: "registre import FILE --dry-run" (or the web preview) shows what will be created, changed or left alone, and every problem by sheet, row and column; without --dry-run, everything is written or nothing.',
    ],
    [],
    [fr ? 'Feuille' : 'Sheet', fr ? 'Lignes' : 'Rows'],
    ...specs.map((s): OutCell[] => [sheetName(s, options.lang), counts.get(s.id) ?? 0]),
  ];
  return {
    name: README_SHEET[options.lang],
    plain: true,
    columns: [
      { header: '', width: 60, kind: 'text' },
      { header: '', width: 10, kind: 'number' },
    ],
    rows: lines,
  };
}

function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Rec)[p];
  }
  return cur;
}

function setPath(obj: Rec, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as Rec;
  }
  cur[path[path.length - 1]] = value;
}

/** Each item of a sheet's list, with its positions in the enclosing lists (1-based). */
function itemsOf(record: Rec, spec: SheetSpec): { positions: number[]; item: Rec }[] {
  let frontier: { positions: number[]; item: Rec }[] = [{ positions: [], item: record }];
  for (const path of spec.enclosing) {
    frontier = frontier.flatMap(({ positions, item }) => {
      const list = getPath(item, path);
      return Array.isArray(list) ? list.map((x, i) => ({ positions: [...positions, i + 1], item: x as Rec })) : [];
    });
  }
  return frontier.flatMap(({ positions, item }) => {
    const list = getPath(item, spec.listPath);
    return Array.isArray(list) ? list.map((x) => ({ positions, item: x as Rec })) : [];
  });
}

function recordsOf(bundle: BundleDto, collection: string): Rec[] {
  if (collection === 'organisation') return [bundle.organisation as unknown as Rec];
  return (bundle as unknown as Record<string, Rec[] | undefined>)[collection] ?? [];
}

function rowsOf(spec: SheetSpec, columns: Column[], bundle: BundleDto, lang: Lang): OutCell[][] {
  const rows: OutCell[][] = [];
  for (const record of recordsOf(bundle, spec.collection)) {
    const items = spec.listPath.length ? itemsOf(record, spec) : [{ positions: [], item: record }];
    for (const { positions, item } of items) {
      rows.push(
        columns.map((c) =>
          c.kind === 'parent'
            ? String(record.key)
            : c.kind === 'position'
              ? positions[c.level ?? 0]
              : toCell(c.field as FieldSpec, getPath(item, (c.field as FieldSpec).path), lang),
        ),
      );
    }
  }
  return rows;
}

// ------------------------------------------------------------------ reading

export interface WorkbookRead {
  incoming: IncomingBundle;
  /** The organisation's slug, as its sheet gives it. */
  slug?: string;
  provenance: Provenance;
  problems: ImportProblem[];
  /** Sheets read, with what they held. */
  sheets: { sheet: string; as: string; rows: number }[];
}

const matchKey = (text: string) => normaliseName(text);

function headerMatches(column: Column): Set<string> {
  const out = new Set<string>([matchKey(column.header.fr), matchKey(column.header.en)]);
  if (column.field) {
    out.add(matchKey(column.field.recordPath));
    out.add(matchKey(column.field.path.join('.')));
  }
  return out;
}

interface SheetMatch {
  spec: SheetSpec;
  sheet: Sheet;
  headerRow: number;
  firstRow: number;
  /** File column → expected column. */
  columns: Map<number, Column>;
}

/** Whether a table looks like Registre's workbook: a sheet named and laid out as one of its sheets. */
export function isRegistreWorkbook(table: Table): boolean {
  return matchSheets(table).length > 0;
}

function matchSheets(table: Table): SheetMatch[] {
  const out: SheetMatch[] = [];
  const specs = workbookSpecs();
  const byName = new Map<string, SheetSpec>();
  // The names list sheets had before SHEET_NAMES named them; the current names, set after, win.
  for (const s of specs.filter((x) => x.listPath.length > 0)) {
    for (const lang of ['fr', 'en'] as const) byName.set(matchKey(composedSheetName(s, lang)), s);
  }
  for (const s of specs) for (const lang of ['fr', 'en'] as const) byName.set(matchKey(sheetName(s, lang)), s);
  for (const sheet of table.sheets) {
    const named = byName.get(matchKey(sheet.name));
    const candidates = named ? [named] : table.format === 'csv' ? specs : [];
    let best: SheetMatch | undefined;
    let bestScore = 0;
    for (const spec of candidates) {
      const m = matchHeader(spec, sheet);
      if (m && m.score > bestScore) {
        best = m.match;
        bestScore = m.score;
      }
    }
    if (best && (named || bestScore >= 3)) out.push(best);
  }
  return out;
}

function matchHeader(spec: SheetSpec, sheet: Sheet): { match: SheetMatch; score: number } | undefined {
  const columns = columnsOf(spec);
  const index = new Map<string, Column>();
  for (const c of columns) for (const h of headerMatches(c)) if (h) index.set(h, c);
  let best: { match: SheetMatch; score: number } | undefined;
  for (let r = 0; r < Math.min(5, sheet.rows.length); r++) {
    const mapped = new Map<number, Column>();
    (sheet.rows[r] ?? []).forEach((cell, c) => {
      const col = cell ? index.get(matchKey(cell.text)) : undefined;
      if (col) mapped.set(c, col);
    });
    if (mapped.size && (!best || mapped.size > best.score)) {
      let firstRow = r + 1;
      if (isNotesRow(sheet, firstRow, mapped)) firstRow++;
      best = { match: { spec, sheet, headerRow: r, firstRow, columns: mapped }, score: mapped.size };
    }
  }
  return best;
}

function isNotesRow(sheet: Sheet, row: number, mapped: Map<number, Column>): boolean {
  const cells = sheet.rows[row] ?? [];
  let seen = 0;
  for (const [c, col] of mapped) {
    const text = cells[c]?.text.trim();
    if (!text) continue;
    if (text !== col.note.fr && text !== col.note.en) return false;
    seen++;
  }
  return seen > 0;
}

/**
 * Reads Registre's workbook (or one of its sheets saved as CSV) into incoming records, with the cell
 * of every value. Values go through `fromCell`; problems of shape and references are found later by
 * the bundle validation, and located here through the provenance.
 */
export function readRegistreWorkbook(table: Table): WorkbookRead {
  const provenance = new Provenance();
  const problems: ImportProblem[] = [];
  const matches = matchSheets(table);
  const records = new Map<string, Rec[]>();
  const covered = new Map<string, Set<string>>();
  const sheets: WorkbookRead['sheets'] = [];
  const cover = (collection: string, field: string) => {
    const set = covered.get(collection) ?? new Set<string>();
    set.add(field);
    covered.set(collection, set);
  };
  // Collections' own sheets first, so that list rows find their records.
  const ordered = [...matches].sort((a, b) => Number(a.spec.listPath.length > 0) - Number(b.spec.listPath.length > 0));
  for (const m of ordered) {
    const { spec, sheet } = m;
    const list = records.get(spec.collection) ?? [];
    records.set(spec.collection, list);
    for (const col of m.columns.values()) {
      if (col.field)
        cover(
          spec.collection,
          spec.listPath.length ? [...spec.enclosing.flat(), ...spec.listPath][0] : col.field.path[0],
        );
    }
    if (spec.listPath.length) cover(spec.collection, [...spec.enclosing.flat(), ...spec.listPath][0]);
    reportUnknownColumns(m, problems);
    let count = 0;
    for (let r = m.firstRow; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r] ?? [];
      if (!cells.some((c) => c && c.text.trim() !== '')) continue;
      const at = (c: number): Location => ({
        sheet: sheet.name,
        row: r + 1,
        cell: cellAddress(r, c),
        column: headerText(sheet, m.headerRow, c),
        ...(cells[c]?.text ? { value: cells[c]?.text } : {}),
      });
      count++;
      if (!spec.listPath.length) {
        if (spec.single && list.length) {
          problems.push({
            severity: 'warning',
            sheet: sheet.name,
            row: r + 1,
            problem: 'only the first row of this sheet is read (one organisation per file)',
          });
          continue;
        }
        const index = list.length;
        const record: Rec = {};
        const base = spec.single ? 'organisation' : `${spec.collection}[${index}]`;
        provenance.set(base, { sheet: sheet.name, row: r + 1 });
        for (const [c, col] of m.columns) readInto(record, col, cells[c], `${base}.`, at(c), provenance, problems);
        if (!spec.single && record.key === undefined) deriveKey(record, spec, list, at(0), problems);
        list.push(record);
        continue;
      }
      // A list row: find its record, then the enclosing items, then append.
      const parentCol = [...m.columns].find(([, c]) => c.kind === 'parent');
      let parent: Rec | undefined;
      let base: string;
      if (spec.single) {
        if (!list.length) list.push({});
        parent = list[0];
        base = 'organisation';
      } else {
        const key = parentCol ? cells[parentCol[0]]?.text.trim() : undefined;
        const index = key ? list.findIndex((x) => x.key === key) : -1;
        if (!key || index < 0) {
          problems.push({
            severity: 'error',
            ...(parentCol ? at(parentCol[0]) : { sheet: sheet.name, row: r + 1 }),
            problem: key
              ? `no record with key "${key}" in sheet "${sheetName(mainSpec(spec.collection), 'fr')}" of this file`
              : `the row does not say which record it belongs to (column "${recordName(spec.collection, 'fr')}")`,
          });
          continue;
        }
        parent = list[index];
        base = `${spec.collection}[${index}]`;
      }
      let container: Rec = parent;
      let path = base;
      let lost = false;
      spec.enclosing.forEach((encl, level) => {
        if (lost) return;
        const posCol = [...m.columns].find(([, c]) => c.kind === 'position' && c.level === level);
        const pos = posCol ? Number(cells[posCol[0]]?.text) : NaN;
        const items = getPath(container, encl);
        if (!Number.isInteger(pos) || pos < 1 || !Array.isArray(items) || !items[pos - 1]) {
          problems.push({
            severity: 'error',
            ...(posCol ? at(posCol[0]) : { sheet: sheet.name, row: r + 1 }),
            problem: 'the position names no item of the enclosing list',
          });
          lost = true;
          return;
        }
        container = items[pos - 1] as Rec;
        path = `${path}.${encl.join('.')}[${pos - 1}]`;
      });
      if (lost) continue;
      const existing = getPath(container, spec.listPath);
      const items = Array.isArray(existing) ? (existing as Rec[]) : [];
      if (!Array.isArray(existing)) setPath(container, spec.listPath, items);
      const item: Rec = {};
      const itemBase = `${path}.${spec.listPath.join('.')}[${items.length}]`;
      provenance.set(itemBase, { sheet: sheet.name, row: r + 1 });
      for (const [c, col] of m.columns) {
        if (col.kind === 'field') readInto(item, col, cells[c], `${itemBase}.`, at(c), provenance, problems);
      }
      items.push(item);
    }
    sheets.push({ sheet: sheet.name, as: spec.id, rows: count });
  }
  const incoming: IncomingBundle = { collections: {} };
  let slug: string | undefined;
  const org = records.get('organisation')?.[0];
  if (org) {
    slug = typeof org.slug === 'string' ? org.slug : undefined;
    incoming.organisation = { record: org, fields: [...(covered.get('organisation') ?? [])] };
  }
  for (const [collection, list] of records) {
    if (collection === 'organisation') continue;
    const fields = [...(covered.get(collection) ?? [])];
    incoming.collections[collection as CollectionName] = list.map((record): IncomingRecord => ({
      record: record as IncomingRecord['record'],
      fields,
    }));
  }
  return { incoming, slug, provenance, problems, sheets };
}

function headerText(sheet: Sheet, headerRow: number, c: number): string {
  return sheet.rows[headerRow]?.[c]?.text.trim() ?? '';
}

function readInto(
  target: Rec,
  col: Column,
  cell: Cell | undefined,
  base: string,
  at: Location,
  provenance: Provenance,
  problems: ImportProblem[],
): void {
  if (col.kind !== 'field' || !col.field) return;
  const read = fromCell(col.field, cell);
  if (read.value === undefined) return;
  setPath(target, col.field.path, read.value);
  const path = `${base}${col.field.path.join('.')}`;
  provenance.set(path, at, read.suggestion);
  if (read.note) problems.push({ severity: 'info', ...at, field: path, problem: read.note });
}

function deriveKey(record: Rec, spec: SheetSpec, list: Rec[], at: Location, problems: ImportProblem[]): void {
  const name = [record.name, record.title].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
  if (!name) return;
  let key = slugify(name) || 'record';
  for (let i = 2; list.some((x) => x.key === key); i++) key = `${slugify(name)}-${i}`;
  record.key = key;
  problems.push({
    severity: 'warning',
    ...at,
    field: `${spec.collection}[${list.length}].key`,
    problem: `no key: "${key}" made from the name (write it in the key column to keep it stable)`,
  });
}

function reportUnknownColumns(m: SheetMatch, problems: ImportProblem[]): void {
  const header = m.sheet.rows[m.headerRow] ?? [];
  const expected = columnsOf(m.spec);
  header.forEach((cell, c) => {
    const text = cell?.text.trim();
    if (!text || m.columns.has(c)) return;
    const hasData = m.sheet.rows.slice(m.firstRow).some((row) => row?.[c]?.text.trim());
    if (!hasData) return;
    const near = expected
      .map((col) => ({ col, d: editDistance(matchKey(text), matchKey(col.header.fr)) }))
      .sort((a, b) => a.d - b.d)[0];
    problems.push({
      severity: 'error',
      sheet: m.sheet.name,
      row: m.headerRow + 1,
      cell: cellAddress(m.headerRow, c),
      column: text,
      problem: `unknown column "${text}": Registre has no such field in this sheet, and its values would be lost`,
      ...(near && near.d <= Math.max(3, text.length / 3)
        ? { suggestion: `did you mean "${near.col.header.fr}"?` }
        : { suggestion: 'rename it to one of the sheet\u2019s headers, or move its content to Notes' }),
    });
  });
}
