import { FieldProblem } from '../common/errors';
import { validateAs } from '../common/validate';
import { BundleDto } from './bundle.dto';

export type ValidatedBundle = { bundle: BundleDto; problems: [] } | { bundle?: undefined; problems: FieldProblem[] };

/**
 * Validates a whole bundle before anything is written: shapes (the same DTOs as the API), unique keys
 * per collection, and every reference by key. Problems name the record's path, e.g.
 * `certificates[2].validTo`.
 */
export function validateBundle(raw: unknown): ValidatedBundle {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ field: '', problem: 'a bundle must be a JSON object' }] };
  }
  const { value: bundle, problems: shapeProblems } = validateAs(BundleDto, raw);
  if (shapeProblems.length) return { problems: shapeProblems };
  const problems = referenceProblems(bundle);
  return problems.length ? { problems } : { bundle, problems: [] };
}

function referenceProblems(b: BundleDto): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = (name: string, list: { key: string }[] = []) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.key)) problems.push({ field: `${name}[${i}].key`, problem: `duplicate key "${r.key}"` });
      seen.add(r.key);
    });
    return seen;
  };
  const subcontractors = keys('subcontractors', b.subcontractors);
  keys('certificates', b.certificates);
  const engagements = keys('engagements', b.engagements);
  keys('treatments', b.treatments);
  keys('subprocessorChanges', b.subprocessorChanges);
  keys('breaches', b.breaches);
  keys('waivers', b.waivers);
  const treatments = new Set((b.treatments ?? []).map((t) => t.key));

  const ref = (set: Set<string>, what: string, field: string, value: string | undefined) => {
    if (value !== undefined && !set.has(value)) problems.push({ field, problem: `no ${what} with key "${value}"` });
  };
  b.certificates?.forEach((c, i) =>
    ref(subcontractors, 'subcontractor', `certificates[${i}].subcontractor`, c.subcontractor),
  );
  b.engagements?.forEach((e, i) => {
    ref(subcontractors, 'subcontractor', `engagements[${i}].provider`, e.provider);
    ref(subcontractors, 'subcontractor', `engagements[${i}].client`, e.client);
    if (e.client !== undefined && e.client === e.provider) {
      problems.push({ field: `engagements[${i}].client`, problem: 'a subcontractor cannot engage itself' });
    }
  });
  b.treatments?.forEach((t, i) => {
    const used = new Set<string>();
    t.uses?.forEach((u, j) => {
      ref(engagements, 'engagement', `treatments[${i}].uses[${j}].engagement`, u.engagement);
      if (used.has(u.engagement)) {
        problems.push({
          field: `treatments[${i}].uses[${j}].engagement`,
          problem: `engagement "${u.engagement}" is listed twice`,
        });
      }
      used.add(u.engagement);
    });
  });
  b.subprocessorChanges?.forEach((c, i) => {
    ref(engagements, 'engagement', `subprocessorChanges[${i}].engagement`, c.engagement);
    ref(subcontractors, 'subcontractor', `subprocessorChanges[${i}].subprocessor`, c.subprocessor);
    ref(subcontractors, 'subcontractor', `subprocessorChanges[${i}].replaces`, c.replaces);
  });
  b.breaches?.forEach((breach, i) => {
    ref(subcontractors, 'subcontractor', `breaches[${i}].discoveredBy`, breach.discoveredBy);
    breach.providerAwareness?.forEach((a, j) =>
      ref(subcontractors, 'subcontractor', `breaches[${i}].providerAwareness[${j}].subcontractor`, a.subcontractor),
    );
    breach.treatments?.forEach((t, j) => ref(treatments, 'treatment', `breaches[${i}].treatments[${j}]`, t));
  });
  return problems;
}
