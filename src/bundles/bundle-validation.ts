import { FieldProblem } from '../common/errors';
import { checkReferences } from '../common/records/record-store';
import { validateAs } from '../common/validate';
import { BUNDLED_KINDS, kindOf } from '../records/record-kinds';
import { chainProblems } from '../subcontractors/chain';
import { BundleDto } from './bundle.dto';
import { upgradeBundle } from './bundle-upgrade';

export type ValidatedBundle = { bundle: BundleDto; problems: [] } | { bundle?: undefined; problems: FieldProblem[] };

/**
 * Validates a whole bundle before anything is written: shapes (the same DTOs as the API), unique keys
 * per collection, each record's cross-field checks, and every reference by key — all read from the
 * registry of record kinds. Problems name the record's path, e.g. `certificates[2].validTo`.
 */
export function validateBundle(raw: unknown): ValidatedBundle {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ field: '', problem: 'a bundle must be a JSON object' }] };
  }
  const { value: bundle, problems: shapeProblems } = validateAs(BundleDto, upgradeBundle(raw));
  if (shapeProblems.length) return { problems: shapeProblems };
  const problems = referenceProblems(bundle);
  return problems.length ? { problems } : { bundle, problems: [] };
}

function referenceProblems(b: BundleDto): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const lists = b as unknown as Record<string, { key: string }[] | undefined>;
  const keys = new Map<string, Set<string>>();
  for (const k of BUNDLED_KINDS) {
    const seen = new Set<string>();
    (lists[k.collection] ?? []).forEach((r, i) => {
      if (seen.has(r.key)) problems.push({ field: `${k.collection}[${i}].key`, problem: `duplicate key "${r.key}"` });
      seen.add(r.key);
    });
    keys.set(k.collection, seen);
  }
  for (const k of BUNDLED_KINDS) {
    (lists[k.collection] ?? []).forEach((record, i) => {
      const at = (field: string) => `${k.collection}[${i}]${field ? `.${field}` : ''}`;
      for (const p of k.store.check(record)) problems.push({ field: at(p.field), problem: p.problem });
      const found = checkReferences(record, k.store.refs, (ref) => keys.get(kindOf(ref.target).collection));
      for (const p of found) problems.push({ field: at(p.field), problem: p.problem });
    });
  }
  // Once every engagement names real subcontractors: the chain they form must end (subcontractors/chain.ts).
  if (!problems.length) {
    for (const p of chainProblems(b.engagements ?? [])) {
      problems.push({ field: `engagements[${p.index}].client`, problem: p.problem });
    }
  }
  return problems;
}
