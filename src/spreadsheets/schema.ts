import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { KEY_PATTERN } from '../common/validators';
import { CreateOrganisationDto } from '../organisations/organisation.dto';
import { HDS_ACTIVITY_CODES } from '../reference/hds-activities';
import { BUNDLED_KINDS, kindOf } from '../records/record-kinds';

/**
 * The layout of Registre's workbook, derived at start from the registry of record kinds and the
 * DTOs' own metadata (class-validator constraints, Swagger property types) — never listed by hand —
 * so a field or a kind another module adds appears in the workbook, the template and the import
 * without an edit here. One sheet per collection; a list of objects inside a record (a treatment's
 * data categories, an engagement's deadlines…) gets its own sheet whose rows name their record by
 * key; nested objects are flattened into columns (`transferSafeguard.kind`); a list of plain values
 * is one cell, one value per line.
 */

export type ValueKind =
  'text' | 'int' | 'number' | 'bool' | 'date' | 'instant' | 'date-or-instant' | 'country' | 'enum' | 'key';

export interface FieldSpec {
  /** Path inside the object a row holds, e.g. ['transferSafeguard', 'kind']. */
  path: string[];
  /** The same path from the record, lists marked `[]`: `uses[].engagement` (what the stores' refs name). */
  recordPath: string;
  kind: ValueKind;
  /** Several values in one cell (one per line). */
  list: boolean;
  /** Required in its object (a nested object's required field is required only when the object is there). */
  required: boolean;
  values?: readonly string[];
  /** For keys: the collection whose records it names (absent for the record's own key). */
  ref?: string;
  /** For keys: values that are not keys (fixed parties). */
  except?: readonly string[];
  /** The record's own key (first column of a collection's sheet). */
  ownKey?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  description?: string;
}

export interface SheetSpec {
  /** `treatments`, `treatments.dataCategories`, `organisation`, `organisation.securityMeasures`. */
  id: string;
  collection: string;
  /** Where the rows' list sits in the record; empty for a collection's own sheet. */
  listPath: string[];
  /** Lists enclosing `listPath` (a list inside a list item): each adds a position column. */
  enclosing: string[][];
  fields: FieldSpec[];
  /** The organisation: one record, so its list sheets need no column naming it. */
  single: boolean;
}

type Ctor = new () => object;

interface SwaggerProperty {
  type?: unknown;
  isArray?: boolean;
  enum?: readonly string[];
  items?: { enum?: readonly string[] };
  description?: string;
  required?: boolean;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array, Date]);

function propertiesOf(cls: Ctor): string[] {
  const swagger = (
    (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, cls.prototype as object) as string[]) ?? []
  ).map((p) => p.replace(/^:/, ''));
  const validated = metadataOf(cls).map((m) => m.propertyName);
  return [...new Set([...swagger, ...validated])];
}

const metadataCache = new Map<Ctor, ValidationMetadata[]>();
function metadataOf(cls: Ctor): ValidationMetadata[] {
  let found = metadataCache.get(cls);
  if (!found) {
    found = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    metadataCache.set(cls, found);
  }
  return found;
}

/** The class a nested property holds, and whether it is a list of them. */
function nestedType(
  cls: Ctor,
  property: string,
  swagger: SwaggerProperty | undefined,
): { type: Ctor; list: boolean } | undefined {
  const design = Reflect.getMetadata('design:type', cls.prototype as object, property) as unknown;
  let type = swagger?.type;
  // Swagger keeps lazy types as arrow functions (no prototype); `() => [X]` is a list of X.
  if (typeof type === 'function' && !(type as { prototype?: unknown }).prototype) type = (type as () => unknown)();
  if (Array.isArray(type)) {
    const item = type[0] as unknown;
    return typeof item === 'function' && !PRIMITIVES.has(item) ? { type: item as Ctor, list: true } : undefined;
  }
  if (typeof type === 'function' && !PRIMITIVES.has(type))
    return { type: type as Ctor, list: Boolean(swagger?.isArray) || design === Array };
  if (typeof design === 'function' && !PRIMITIVES.has(design)) return { type: design as Ctor, list: false };
  return undefined;
}

interface Walk {
  collection: string;
  /** Reference declarations of the collection's store, by record path. */
  refs: Map<string, { collection: string; except?: readonly string[] }>;
  sheets: SheetSpec[];
  single: boolean;
}

function walkObject(
  w: Walk,
  cls: Ctor,
  prefix: string[],
  recordPrefix: string,
  parentRequired: boolean,
  sheet: SheetSpec,
  ownKeyAllowed: boolean,
): void {
  for (const property of propertiesOf(cls)) {
    const meta = metadataOf(cls).filter((m) => m.propertyName === property);
    const swagger = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, cls.prototype as object, property) as
      SwaggerProperty | undefined;
    const optional = meta.some((m) => m.type === 'conditionalValidation');
    const required = parentRequired && !optional;
    const recordPath = recordPrefix ? `${recordPrefix}.${property}` : property;
    const nested = nestedType(cls, property, swagger);
    if (nested?.list) {
      const inChild = sheet.listPath.length > 0;
      const enclosing = inChild ? [...sheet.enclosing, sheet.listPath] : [];
      const child: SheetSpec = {
        id: `${sheet.collection}.${[...enclosing.flat(), ...prefix, property].join('.')}`,
        collection: sheet.collection,
        listPath: [...prefix, property],
        enclosing,
        fields: [],
        single: w.single,
      };
      w.sheets.push(child);
      walkObject(w, nested.type, [], `${recordPath}[]`, true, child, false);
      continue;
    }
    if (nested) {
      walkObject(w, nested.type, [...prefix, property], recordPath, required, sheet, false);
      continue;
    }
    sheet.fields.push(fieldOf(w, [...prefix, property], recordPath, meta, swagger, required, ownKeyAllowed));
  }
}

function fieldOf(
  w: Walk,
  path: string[],
  recordPath: string,
  meta: ValidationMetadata[],
  swagger: SwaggerProperty | undefined,
  required: boolean,
  ownKeyAllowed: boolean,
): FieldSpec {
  const names = new Set(meta.map((m) => m.name));
  const constraint = (name: string) => meta.find((m) => m.name === name)?.constraints?.[0] as unknown;
  const list = names.has('isArray') || swagger?.isArray === true;
  const field: FieldSpec = { path, recordPath, kind: 'text', list, required, description: swagger?.description };
  const ref = w.refs.get(list ? `${recordPath}[]` : recordPath);
  if (names.has('isIn')) {
    field.kind = 'enum';
    field.values = constraint('isIn') as readonly string[];
  } else if (names.has('isHdsActivity')) {
    field.kind = 'enum';
    field.values = HDS_ACTIVITY_CODES;
  } else if (names.has('isCountry')) field.kind = 'country';
  else if (names.has('isIsoDateOrInstant')) field.kind = 'date-or-instant';
  else if (names.has('isIsoDate')) field.kind = 'date';
  else if (names.has('isIsoInstant')) field.kind = 'instant';
  else if (names.has('isBoolean')) field.kind = 'bool';
  else if (names.has('isInt')) field.kind = 'int';
  else if (names.has('isNumber')) field.kind = 'number';
  else if (ref) {
    field.kind = 'key';
    field.ref = ref.collection;
    field.except = ref.except;
  } else if (ownKeyAllowed && path.length === 1 && path[0] === 'key') {
    field.kind = 'key';
    field.ownKey = true;
  } else if (names.has('matches') && String(constraint('matches')) === String(KEY_PATTERN)) field.kind = 'key';
  if (names.has('min')) field.min = constraint('min') as number;
  if (names.has('max')) field.max = constraint('max') as number;
  if (names.has('maxLength')) field.maxLength = constraint('maxLength') as number;
  return field;
}

let cached: SheetSpec[] | undefined;

/** Every sheet of the workbook, in writing order: the organisation, then each bundled kind. */
export function workbookSpecs(): SheetSpec[] {
  if (cached) return cached;
  const sheets: SheetSpec[] = [];
  const org: SheetSpec = {
    id: 'organisation',
    collection: 'organisation',
    listPath: [],
    enclosing: [],
    fields: [],
    single: true,
  };
  sheets.push(org);
  walkObject(
    { collection: 'organisation', refs: new Map(), sheets, single: true },
    CreateOrganisationDto,
    [],
    '',
    true,
    org,
    false,
  );
  for (const k of BUNDLED_KINDS) {
    const refs = new Map(
      k.store.refs.map((r) => [r.path, { collection: kindOf(r.target).collection, except: r.except }]),
    );
    const main: SheetSpec = {
      id: k.collection,
      collection: k.collection,
      listPath: [],
      enclosing: [],
      fields: [],
      single: false,
    };
    sheets.push(main);
    walkObject({ collection: k.collection, refs, sheets, single: false }, k.store.createDto, [], '', true, main, true);
    const ownKey = main.fields.findIndex((f) => f.ownKey);
    if (ownKey > 0) main.fields.unshift(...main.fields.splice(ownKey, 1));
  }
  cached = sheets;
  return sheets;
}

export function fieldId(f: FieldSpec): string {
  return f.path.join('.');
}
