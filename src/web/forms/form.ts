import type { FieldProblem } from '../../common/errors';
import type { Lang } from '../../common/i18n';
import { isIsoDate, isIsoInstant } from '../../common/validators';
import { parisInstant, toParisIso } from '../../deadlines/deadline';
import { translateProblem } from './problems';

/**
 * Forms for the API's records, described once and used both ways: to render the fields (from a
 * record, or from what the person typed) and to turn the posted form into the API's DTO. Field names
 * are the DTO's paths (`legalBasis.article6`, `dataCategories[2].label`), so the API's field-level
 * errors land next to the field they are about. Nothing here validates: the API's DTO classes do.
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'lines'
  | 'select'
  | 'checkboxes'
  | 'checkbox'
  | 'tristate'
  | 'int'
  | 'ints'
  | 'date'
  | 'instant'
  | 'countries'
  | 'email'
  | 'url'
  | 'password';

export interface OptionSpec {
  value: string;
  /** A label key, or the text itself when `literal`. */
  label: string;
  literal?: boolean;
}

export interface FieldSpec {
  kind: FieldKind;
  /** The DTO path relative to the form (or to a list's row). */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  options?: readonly OptionSpec[];
  /** Options given at render time (records of the organisation), by name. */
  choices?: string;
  /** A select's empty choice label key (default: "— none —"). */
  empty?: string;
  autocomplete?: string;
  wide?: boolean;
}

export interface ListSpec {
  kind: 'list';
  name: string;
  label: string;
  /** Legend of one row ("Catégorie {n}"). */
  item: string;
  hint?: string;
  fields: readonly FieldSpec[];
}

export interface SectionSpec {
  legend: string;
  hint?: string;
  items: readonly (FieldSpec | ListSpec)[];
}

export interface FormSpec {
  sections: readonly SectionSpec[];
}

export type FormBody = Record<string, string | string[] | undefined>;
type Bag = Record<string, unknown>;

export interface ParsedForm {
  /** The DTO built from the form (empty values left out). */
  value: Bag;
  /** For each list: the form row index of each DTO index (blank and removed rows are skipped). */
  rows: Record<string, number[]>;
  /** Top-level DTO fields the form covers: on an edit, those left empty are cleared. */
  covered: string[];
}

const isList = (item: FieldSpec | ListSpec): item is ListSpec => item.kind === 'list';

function all(spec: FormSpec): (FieldSpec | ListSpec)[] {
  return spec.sections.flatMap((s) => s.items);
}

function raw(body: FormBody, name: string): string {
  const v = body[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function rawAll(body: FormBody, name: string): string[] {
  const v = body[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

export function getPath(obj: unknown, path: string): unknown {
  let current = obj;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Bag)[part];
  }
  return current;
}

function setPath(obj: Bag, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = obj;
  for (const part of parts.slice(0, -1)) {
    if (!current[part] || typeof current[part] !== 'object' || Array.isArray(current[part])) current[part] = {};
    current = current[part] as Bag;
  }
  if (value === undefined) delete current[parts[parts.length - 1]];
  else current[parts[parts.length - 1]] = value;
}

/** Empty objects left by blank groups are dropped: `{ legalBasis: {} }` means no legal basis. */
function prune(value: unknown): unknown {
  // Rows too: a row's nested object left empty (a period with neither value nor unit) is no object at all.
  if (Array.isArray(value)) return value.map(prune);
  if (!value || typeof value !== 'object') return value;
  const out: Bag = {};
  for (const [k, v] of Object.entries(value as Bag)) {
    const p = prune(v);
    if (p === undefined) continue;
    if (p && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
    out[k] = p;
  }
  return out;
}

/** `31/12/2026` or `2026-12-31` → `2026-12-31`; anything else is passed on for the DTO to refuse. */
export function parseDateInput(text: string): string | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (fr) return `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
  return s;
}

/**
 * `31/05/2026 14:30` (or `2026-05-31 14:30`), a wall-clock time in Paris, → an instant with its Paris
 * offset; an ISO instant with offset is kept; anything else is passed on for the DTO to refuse.
 */
export function parseInstantInput(text: string): string | undefined {
  const s = text.trim();
  if (!s) return undefined;
  if (isIsoInstant(s)) return s;
  const m = /^(\S+)[ T]+(\d{1,2})[:h](\d{2})$/.exec(s);
  if (m) {
    const date = parseDateInput(m[1]);
    const [h, min] = [Number(m[2]), Number(m[3])];
    if (date && isIsoDate(date) && h < 24 && min < 60) {
      return parisInstant(date, `${String(h).padStart(2, '0')}:${m[3]}:00`);
    }
  }
  return s;
}

const splitList = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function convert(field: FieldSpec, body: FormBody, name: string): unknown {
  const text = raw(body, name);
  switch (field.kind) {
    case 'lines': {
      const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      return lines.length ? lines : undefined;
    }
    case 'checkboxes': {
      const values = rawAll(body, name).filter(Boolean);
      return values.length ? values : undefined;
    }
    case 'checkbox':
      return body[name] !== undefined ? true : undefined;
    case 'tristate':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'int': {
      const s = text.trim();
      if (!s) return undefined;
      return /^[+-]?\d{1,15}$/.test(s) ? Number(s) : s;
    }
    case 'ints': {
      const parts = splitList(text);
      return parts.length ? parts.map((p) => (/^[+-]?\d{1,15}$/.test(p) ? Number(p) : p)) : undefined;
    }
    case 'countries': {
      const parts = splitList(text).map((p) => p.toUpperCase());
      return parts.length ? parts : undefined;
    }
    case 'date':
      return parseDateInput(text);
    case 'instant':
      return parseInstantInput(text);
    case 'password':
      return text === '' ? undefined : text;
    case 'textarea': {
      const s = text.replace(/\r\n/g, '\n').trim();
      return s === '' ? undefined : s;
    }
    default: {
      const s = text.trim();
      return s === '' ? undefined : s;
    }
  }
}

/** The object prefixes of a set of field names: `a.b.c` → `a`, `a.b`. */
function prefixes(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const parts = name.split('.');
    for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out];
}

function restOf(body: FormBody, name: string): Bag {
  const text = raw(body, `${name}._rest`);
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Bag) : {};
  } catch {
    return {};
  }
}

/** Builds one object (the form, or a list row) from its fields; undefined when every field is empty. */
function buildObject(fields: readonly FieldSpec[], body: FormBody, prefix: string): Bag | undefined {
  const out: Bag = {};
  for (const group of prefixes(fields.map((f) => f.name))) {
    const rest = restOf(body, `${prefix}${group}`);
    if (Object.keys(rest).length) setPath(out, group, rest);
  }
  const rowRest = prefix ? restOf(body, prefix.slice(0, -1)) : {};
  Object.assign(out, rowRest);
  let filled = false;
  for (const f of fields) {
    const value = convert(f, body, `${prefix}${f.name}`);
    if (value !== undefined) filled = true;
    setPath(out, f.name, value);
  }
  return filled || !prefix ? out : undefined;
}

/** The posted form → the API's DTO (still to be validated by the DTO class). */
export function parseForm(spec: FormSpec, body: FormBody): ParsedForm {
  const items = all(spec);
  const fields = items.filter((i): i is FieldSpec => !isList(i));
  const value = buildObject(fields, body, '') ?? {};
  const rows: Record<string, number[]> = {};
  for (const list of items.filter(isList)) {
    const indexes = formRows(body, list.name);
    const values: Bag[] = [];
    rows[list.name] = [];
    for (const i of indexes) {
      if (body[`${list.name}[${i}]._remove`] !== undefined) continue;
      const row = buildObject(list.fields, body, `${list.name}[${i}].`);
      if (!row) continue;
      values.push(row);
      rows[list.name].push(i);
    }
    value[list.name] = values.length ? values : undefined;
  }
  const covered = [...new Set(items.map((i) => i.name.split('.')[0]))];
  return { value: prune(value) as Bag, rows, covered };
}

/** Row indexes present in a posted form, in order. */
function formRows(body: FormBody, list: string): number[] {
  const pattern = new RegExp(`^${list.replace(/[.[\]]/g, '\\$&')}\\[(\\d{1,4})\\]\\.`);
  const found = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = pattern.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** For an edit: the form's fields as a PATCH (fields the form covers and left empty are cleared). */
export function asPatch(parsed: ParsedForm, exclude: readonly string[] = []): Bag {
  const patch: Bag = {};
  for (const name of parsed.covered) {
    if (exclude.includes(name)) continue;
    patch[name] = parsed.value[name] ?? null;
  }
  return patch;
}

// ——— Rendering ———

export interface OptionModel {
  value: string;
  label: string;
  selected: boolean;
}

export interface FieldModel {
  id: string;
  name: string;
  label: string;
  hint: string | null;
  required: boolean;
  value: string;
  checked: boolean;
  options: OptionModel[];
  errors: string[];
  invalid: boolean;
  describedBy: string | null;
  autocomplete: string | null;
  wide: boolean;
  is: Record<FieldKind, boolean>;
  inputType: string;
}

export interface RowModel {
  index: number;
  legend: string;
  fields: FieldModel[];
  rest: string | null;
  restName: string;
  removeId: string;
  removeName: string;
  /** Rows newly added and still blank need no "remove" box. */
  removable: boolean;
}

export interface ListModel {
  isList: true;
  id: string;
  name: string;
  label: string;
  hint: string | null;
  rows: RowModel[];
  errors: string[];
  addLabel: string;
}

export interface SectionModel {
  legend: string;
  hint: string | null;
  items: (({ isList: false } & FieldModel) | ListModel)[];
}

export interface FormModel {
  sections: SectionModel[];
  /** Every problem, for the summary at the top (with a link to its field). */
  problems: { href: string; text: string }[];
  hidden: { name: string; value: string }[];
}

export interface RenderOptions {
  lang: Lang;
  t: (key: string, params?: Record<string, string | number>) => string;
  choices?: Record<string, readonly OptionSpec[]>;
  problems?: readonly FieldProblem[];
  /** From the parse that produced the problems: DTO row index → form row index. */
  rows?: Record<string, number[]>;
  /** Extra blank rows, e.g. after "add a row". */
  addRows?: Record<string, number>;
  /** Makes ids unique when one page holds several copies of a form (a waiver per finding). */
  idPrefix?: string;
}

type Source = { kind: 'record'; record: Bag } | { kind: 'body'; body: FormBody };

const KINDS: FieldKind[] = [
  'text',
  'textarea',
  'lines',
  'select',
  'checkboxes',
  'checkbox',
  'tristate',
  'int',
  'ints',
  'date',
  'instant',
  'countries',
  'email',
  'url',
  'password',
];

export const fieldId = (name: string) => `f-${name.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;

/** How a stored value is shown in its input, in the person's language. */
export function formatInput(kind: FieldKind, value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return '';
  const plain = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  switch (kind) {
    case 'lines':
      return Array.isArray(value) ? value.map(plain).join('\n') : plain(value);
    case 'countries':
    case 'ints':
      return Array.isArray(value) ? value.map(plain).join(', ') : plain(value);
    case 'date': {
      const s = plain(value);
      if (lang === 'fr' && isIsoDate(s)) return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
      return s;
    }
    case 'instant': {
      const s = plain(value);
      if (!isIsoInstant(s)) return s;
      const paris = toParisIso(s);
      const [date, time] = [paris.slice(0, 10), paris.slice(11, 16)];
      return lang === 'fr' ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)} ${time}` : `${date} ${time}`;
    }
    case 'tristate':
      return value === true ? 'true' : value === false ? 'false' : '';
    case 'password':
      return '';
    default:
      return plain(value);
  }
}

function fieldModel(
  f: FieldSpec,
  name: string,
  source: Source,
  recordValue: unknown,
  errors: string[],
  o: RenderOptions,
): FieldModel {
  const id = `${o.idPrefix ?? ''}${fieldId(name)}`;
  let value = '';
  let selected: string[] = [];
  let checked = false;
  if (source.kind === 'body') {
    value = f.kind === 'password' ? '' : raw(source.body, name);
    selected = rawAll(source.body, name);
    checked = source.body[name] !== undefined;
  } else {
    value = formatInput(f.kind, recordValue, o.lang);
    selected = Array.isArray(recordValue) ? recordValue.map(String) : value ? [value] : [];
    checked = recordValue === true;
  }
  const base = f.options ?? (f.choices ? (o.choices?.[f.choices] ?? []) : []);
  const options: OptionModel[] = [];
  if (f.kind === 'select' || f.kind === 'tristate') {
    options.push({ value: '', label: o.t(f.empty ?? 'form.none'), selected: value === '' });
  }
  const list =
    f.kind === 'tristate'
      ? [
          { value: 'true', label: 'form.yes' },
          { value: 'false', label: 'form.no' },
        ]
      : base;
  for (const opt of list) {
    options.push({
      value: opt.value,
      label: opt.literal ? opt.label : o.t(opt.label),
      selected: f.kind === 'checkboxes' ? selected.includes(opt.value) : value === opt.value,
    });
  }
  // A stored value the list does not offer (an old code) stays visible rather than silently lost.
  if ((f.kind === 'select' || f.kind === 'tristate') && value && !options.some((x) => x.value === value)) {
    options.push({ value, label: value, selected: true });
  }
  const hintId = f.hint ? `${id}-hint` : null;
  const errorId = errors.length ? `${id}-error` : null;
  return {
    id,
    name,
    label: o.t(f.label),
    hint: f.hint ? o.t(f.hint) : null,
    required: f.required ?? false,
    value,
    checked,
    options,
    errors,
    invalid: errors.length > 0,
    describedBy: [hintId, errorId].filter(Boolean).join(' ') || null,
    autocomplete: f.autocomplete ?? null,
    wide: f.wide ?? ['textarea', 'lines', 'checkboxes'].includes(f.kind),
    is: Object.fromEntries(KINDS.map((k) => [k, k === f.kind])) as Record<FieldKind, boolean>,
    inputType: f.kind === 'email' ? 'email' : f.kind === 'url' ? 'url' : f.kind === 'password' ? 'password' : 'text',
  };
}

/** The rest of a stored object once the form's fields are taken out: kept through an edit. */
function remainder(value: unknown, covered: readonly string[]): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const copy = JSON.parse(JSON.stringify(value)) as Bag;
  for (const name of covered) if (!name.includes('.')) delete copy[name];
  // Nested groups (`safeguard.kind`): the nested remainder is kept by its own hidden field.
  for (const group of prefixes(covered)) if (!group.includes('.')) delete copy[group];
  return Object.keys(copy).length ? JSON.stringify(copy) : null;
}

function groupRests(
  fields: readonly FieldSpec[],
  prefix: string,
  source: Source,
  stored: unknown,
): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const group of prefixes(fields.map((f) => f.name))) {
    const name = `${prefix}${group}._rest`;
    if (source.kind === 'body') {
      const v = raw(source.body, name);
      if (v) out.push({ name, value: v });
      continue;
    }
    const inner = fields.filter((f) => f.name.startsWith(`${group}.`)).map((f) => f.name.slice(group.length + 1));
    const rest = remainder(getPath(stored, group), inner);
    if (rest) out.push({ name, value: rest });
  }
  return out;
}

/**
 * The form's model for the templates: from a stored record (edit), from the posted body (after an
 * error: exactly what was typed), or empty (create). Problems are placed next to their fields.
 */
export function renderForm(spec: FormSpec, source: Source, o: RenderOptions): FormModel {
  const problemsByField = new Map<string, string[]>();
  const summary: { href: string; text: string }[] = [];
  const fieldNames = new Set<string>();
  const listNames = new Set<string>();
  const labels = new Map<string, string>();
  const hidden: { name: string; value: string }[] = [];
  const record = source.kind === 'record' ? source.record : {};
  const rowIndexes = new Map<string, number[]>();

  for (const item of all(spec)) {
    if (isList(item)) {
      listNames.add(item.name);
      const indexes =
        source.kind === 'body'
          ? formRows(source.body, item.name).filter((i) => source.body[`${item.name}[${i}]._remove`] === undefined)
          : ((getPath(record, item.name) as unknown[] | undefined) ?? []).map((_, i) => i);
      // An empty list shows one blank row to fill (blank rows are ignored when the form is sent).
      const extra = (o.addRows?.[item.name] ?? 0) || (source.kind === 'record' && indexes.length === 0 ? 1 : 0);
      let next = indexes.length ? Math.max(...indexes) + 1 : 0;
      for (let k = 0; k < extra; k++) indexes.push(next++);
      rowIndexes.set(item.name, indexes);
      for (const i of indexes) {
        for (const f of item.fields) {
          fieldNames.add(`${item.name}[${i}].${f.name}`);
          labels.set(`${item.name}[${i}].${f.name}`, `${o.t(item.item, { n: i + 1 })} — ${o.t(f.label)}`);
        }
      }
    } else {
      fieldNames.add(item.name);
      labels.set(item.name, o.t(item.label));
    }
  }

  // DTO paths → form paths (row indexes differ when blank rows were skipped).
  const toFormPath = (path: string) =>
    path.replace(/^([A-Za-z]+)\[(\d+)\]/, (whole, list: string, index: string) => {
      const map = o.rows?.[list];
      return map && map[Number(index)] !== undefined ? `${list}[${map[Number(index)]}]` : whole;
    });
  for (const p of o.problems ?? []) {
    const path = toFormPath(p.field);
    const text = translateProblem(p.problem, o.lang, o.t);
    let target = fieldNames.has(path) ? path : [...fieldNames].find((n) => n.startsWith(`${path}.`));
    if (!target && listNames.has(path)) target = path;
    if (!target) {
      const row = /^([A-Za-z]+)\[(\d+)\]/.exec(path);
      if (row && listNames.has(row[1])) target = row[1];
    }
    const key = target ?? '';
    problemsByField.set(key, [...(problemsByField.get(key) ?? []), text]);
    const label = target ? (labels.get(target) ?? o.t(`field.${target}`)) : p.field ? p.field : o.t('form.general');
    summary.push({
      href: target ? `#${o.idPrefix ?? ''}${fieldId(target)}` : '#form-errors',
      text: `${label} : ${text}`,
    });
  }

  const sections: SectionModel[] = spec.sections.map((section) => ({
    legend: o.t(section.legend),
    hint: section.hint ? o.t(section.hint) : null,
    items: section.items.map((item) => {
      if (!isList(item)) {
        return {
          isList: false as const,
          ...fieldModel(item, item.name, source, getPath(record, item.name), problemsByField.get(item.name) ?? [], o),
        };
      }
      const stored = (getPath(record, item.name) as Bag[] | undefined) ?? [];
      const rows: RowModel[] = (rowIndexes.get(item.name) ?? []).map((i) => {
        const prefix = `${item.name}[${i}].`;
        const row = stored[i];
        const restName = `${item.name}[${i}]._rest`;
        const rest =
          source.kind === 'body'
            ? raw(source.body, restName) || null
            : remainder(
                row,
                item.fields.map((f) => f.name),
              );
        for (const g of groupRests(item.fields, prefix, source, row)) hidden.push(g);
        return {
          index: i,
          legend: o.t(item.item, { n: i + 1 }),
          fields: item.fields.map((f) =>
            fieldModel(
              f,
              `${prefix}${f.name}`,
              source,
              getPath(row, f.name),
              problemsByField.get(`${prefix}${f.name}`) ?? [],
              o,
            ),
          ),
          rest,
          restName,
          removeId: `${o.idPrefix ?? ''}${fieldId(`${prefix}_remove`)}`,
          removeName: `${prefix}_remove`,
          removable: source.kind === 'body' || row !== undefined,
        };
      });
      return {
        isList: true as const,
        id: `${o.idPrefix ?? ''}${fieldId(item.name)}`,
        name: item.name,
        label: o.t(item.label),
        hint: item.hint ? o.t(item.hint) : null,
        rows,
        errors: problemsByField.get(item.name) ?? [],
        addLabel: o.t('form.addRow', { item: o.t(item.item, { n: '' }).trim() }),
      };
    }),
  }));
  const topFields = all(spec).filter((i): i is FieldSpec => !isList(i));
  hidden.push(...groupRests(topFields, '', source, record));
  if (problemsByField.has('')) {
    // Problems about no field of the form stay in the summary only.
  }
  return { sections, problems: summary, hidden };
}

/** "Add a row" buttons post `_add=<list>`: the form comes back with what was typed and one more row. */
export function addedRow(body: FormBody, spec: FormSpec): Record<string, number> | undefined {
  const list = raw(body, '_add');
  if (!list) return undefined;
  return all(spec).some((i) => isList(i) && i.name === list) ? { [list]: 1 } : undefined;
}
