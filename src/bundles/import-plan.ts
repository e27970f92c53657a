import { canonicalJson, fingerprint } from '../common/canonical-json';
import { FieldProblem } from '../common/errors';
import { BUNDLED_KINDS, CollectionName } from '../records/record-kinds';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleDto } from './bundle.dto';
import { validateBundle } from './bundle-validation';

/**
 * What an import brings, whatever it was read from (a bundle, Registre's workbook, the CNIL
 * template): the organisation's fields and records by collection. Paths of problems name this
 * structure (`treatments[2].dataCategories[0].category`), so the reader that built it can say which
 * cell each came from.
 */
export interface IncomingBundle {
  /** The organisation's fields (its slug is the import's target, not read from here). */
  organisation?: IncomingRecord<Record<string, unknown>>;
  collections: Partial<Record<CollectionName, IncomingRecord[]>>;
  /** Records the import removes (a sub-processor a provider no longer lists). */
  deletions?: { collection: CollectionName; key: string }[];
}

export interface IncomingRecord<R = { key: string } & Record<string, unknown>> {
  record: R;
  /**
   * The fields the source speaks for. Absent: all of them (the record replaces a stored one). Listed:
   * only these replace the stored record's fields; the others are kept (the CNIL template has no
   * place for a legal basis, so importing it keeps the one recorded).
   */
  fields?: readonly string[];
}

export type PlanAction = 'create' | 'change' | 'unchanged' | 'delete';

export interface PlannedRecord {
  collection: string;
  key: string;
  action: PlanAction;
  /** Top-level fields that change (for `change`). */
  fields?: string[];
  /** Position in the incoming list (absent for a deletion). */
  index?: number;
}

export interface ImportPlanCore {
  organisation: { slug: string; action: 'create' | 'change' | 'unchanged'; fields?: string[] };
  /** Only with `replace`: records of the organisation that the import removes. */
  replace: boolean;
  records: PlannedRecord[];
  summary: Record<PlanAction, number>;
  /** Problems of the incoming data, with paths into `IncomingBundle` (`treatments[2].name`). */
  problems: FieldProblem[];
  /** Changes when the plan would change: a confirmation carries it, so what is written is what was shown. */
  fingerprint: string;
}

export interface ComputedPlan {
  plan: ImportPlanCore;
  /** The organisation as it will be after the import (valid when `plan.problems` is empty). */
  merged: BundleDto;
}

type Rec = { key: string } & Record<string, unknown>;

/**
 * Compares what comes in with what the organisation holds and builds the organisation as it would
 * be: records to create, change, leave alone (and, with `replace`, delete); then validates that whole
 * result with the bundle validation (the same DTOs and reference checks as the API), so a record
 * that is fine alone but names a missing subcontractor is caught before anything is written.
 */
export function computePlan(
  existing: BundleDto | undefined,
  incoming: IncomingBundle,
  options: { slug: string; replace?: boolean },
): ComputedPlan {
  const replace = Boolean(options.replace && existing);
  const problems: FieldProblem[] = [];
  const records: PlannedRecord[] = [];
  const merged: Record<string, unknown> = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION };

  const currentOrg = (existing?.organisation ?? {}) as Record<string, unknown>;
  const given = incoming.organisation;
  const org: Record<string, unknown> = !given
    ? { ...currentOrg }
    : given.fields && existing
      ? mergeFields(currentOrg, given.record, given.fields)
      : { ...given.record };
  org.slug = options.slug;
  merged.organisation = org;
  const orgFields = changedFields(currentOrg, org);
  const orgAction = !existing ? 'create' : orgFields.length ? 'change' : 'unchanged';

  // Where each merged record came from, to turn problem paths back into incoming paths.
  const origin = new Map<string, (number | undefined)[]>();
  const lists = existing as unknown as Record<string, Rec[] | undefined> | undefined;
  for (const { collection } of BUNDLED_KINDS) {
    const stored = replace ? [] : [...(lists?.[collection] ?? [])];
    const storedByKey = new Map((lists?.[collection] ?? []).map((r) => [r.key, r]));
    const positions = new Map(stored.map((r, i) => [r.key, i]));
    const from: (number | undefined)[] = stored.map(() => undefined);
    const seen = new Map<string, number>();
    (incoming.collections[collection] ?? []).forEach((item, index) => {
      const key = item.record.key;
      if (typeof key === 'string' && seen.has(key)) {
        problems.push({
          field: `${collection}[${index}].key`,
          problem: `duplicate key "${key}" (also used by an earlier row)`,
        });
        return;
      }
      if (typeof key === 'string') seen.set(key, index);
      const before = typeof key === 'string' ? storedByKey.get(key) : undefined;
      const after = item.fields && before ? mergeFields(before, item.record, item.fields) : item.record;
      const at = typeof key === 'string' ? positions.get(key) : undefined;
      if (at !== undefined) {
        stored[at] = after as Rec;
        from[at] = index;
      } else {
        stored.push(after as Rec);
        from.push(index);
      }
      const fields = before ? changedFields(before, after) : [];
      records.push({
        collection,
        key: String(key),
        action: !before ? 'create' : fields.length ? 'change' : 'unchanged',
        ...(fields.length ? { fields } : {}),
        index,
      });
    });
    if (replace) {
      for (const r of lists?.[collection] ?? []) {
        if (!seen.has(r.key)) records.push({ collection, key: r.key, action: 'delete' });
      }
    }
    for (const d of incoming.deletions ?? []) {
      if (d.collection !== collection || seen.has(d.key) || !storedByKey.has(d.key)) continue;
      const at = stored.findIndex((r) => r.key === d.key);
      if (at < 0) continue;
      stored.splice(at, 1);
      from.splice(at, 1);
      records.push({ collection, key: d.key, action: 'delete' });
    }
    merged[collection] = stored;
    origin.set(collection, from);
  }

  for (const p of validateBundle(merged).problems) {
    problems.push({ field: toIncomingPath(p.field, origin, merged), problem: p.problem });
  }

  const summary: Record<PlanAction, number> = { create: 0, change: 0, unchanged: 0, delete: 0 };
  for (const r of records) summary[r.action]++;
  const plan: ImportPlanCore = {
    organisation: {
      slug: options.slug,
      action: orgAction,
      ...(orgFields.length && existing ? { fields: orgFields } : {}),
    },
    replace,
    records,
    summary,
    problems: dedupe(problems),
    fingerprint: '',
  };
  plan.fingerprint = fingerprint({ merged, records, organisation: plan.organisation, existing: existing ?? null });
  return { plan, merged: merged as unknown as BundleDto };
}

function mergeFields(
  before: Record<string, unknown>,
  incoming: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...before };
  for (const f of fields) {
    if (incoming[f] === undefined) delete out[f];
    else out[f] = incoming[f];
  }
  if (before.key !== undefined) out.key = before.key;
  return out;
}

/** Top-level fields whose values differ (canonical JSON, so key order does not count). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => canonicalJson(before[n]) !== canonicalJson(after[n])).sort();
}

/**
 * `treatments[7].name` in the merged bundle → `treatments[2].name` in the incoming lists. A stored
 * record the import does not bring (one that names a record the import deletes) is named by its key:
 * `treatments["dossier-patient"].uses[0].engagement`.
 */
function toIncomingPath(
  field: string,
  origin: Map<string, (number | undefined)[]>,
  merged: Record<string, unknown>,
): string {
  const m = /^([A-Za-z]+)\[(\d+)\](.*)$/.exec(field);
  if (!m) return field;
  const from = origin.get(m[1]);
  if (!from) return field;
  const index = from[Number(m[2])];
  if (index !== undefined) return `${m[1]}[${index}]${m[3]}`;
  const key = (merged[m[1]] as { key?: string }[] | undefined)?.[Number(m[2])]?.key;
  return `${m[1]}[${JSON.stringify(key ?? m[2])}]${m[3]}`;
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.field}\u0000${p.problem}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
