import { REFERENCE } from '../../reference/reference-data';
import type { CnilDpiaItem, DpiaCriterion } from '../../reference/vocabulary';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Treatment } from '../../snapshot/snapshot';
import { fold, wordPatterns } from './text-match';

const VULNERABLE = wordPatterns(
  REFERENCE.dpia.criteria.find((c) => c.code === 'vulnerable-subjects')?.subjectPatterns ?? [],
);

export interface DpiaNeed {
  /** Criteria the record states. */
  recorded: readonly DpiaCriterion[];
  /** Criteria the register shows without their being stated: Art. 9 data, vulnerable data subjects. */
  inferred: readonly DpiaCriterion[];
  cnilList: readonly CnilDpiaItem[];
  /** The CNIL list applies, or the recorded criteria reach the threshold: a DPIA is required. */
  required: boolean;
  /** Only with inferred criteria does the treatment reach the threshold: a DPIA is very likely required. */
  likely: boolean;
}

/**
 * What the register says about the need for a DPIA (LEGAL.md §7b): the CNIL list (délibération
 * 2018-327), or two WP248 criteria. Health or other Art. 9 data and data subjects such as patients,
 * children, the elderly or employees are criteria the register shows by itself — health data of patients
 * is the common case — and count even when the DPO has not ticked them.
 */
export function dpiaNeed(ctx: SnapshotIndex, t: Treatment): DpiaNeed {
  const recorded = [...new Set(t.dpia?.criteria ?? [])];
  const inferred: DpiaCriterion[] = [];
  const sensitive = (t.dataCategories ?? []).some(
    (c) => c.health || c.article9 || c.category === 'health' || c.category === 'sensitive' || c.category === 'offences',
  );
  if (sensitive && !recorded.includes('sensitive-data')) inferred.push('sensitive-data');
  // The same few data subjects ("Patients", "Salariés") recur across a register: each is read once.
  const isVulnerable = (s: string) => ctx.memoBy('dpia-vulnerable', s, () => VULNERABLE.test(fold(s)));
  if (!recorded.includes('vulnerable-subjects') && (t.dataSubjects ?? []).some(isVulnerable)) {
    inferred.push('vulnerable-subjects');
  }
  const cnilList = t.dpia?.cnilList ?? [];
  const threshold = REFERENCE.dpia.threshold;
  const required = cnilList.length > 0 || recorded.length >= threshold;
  return {
    recorded,
    inferred,
    cnilList,
    required,
    likely: !required && recorded.length + inferred.length >= threshold,
  };
}

/** A DPIA is the controller's (Art. 35(1)); a processor only assists (28(3)(f)). */
export function isControllerTreatment(t: Treatment): boolean {
  return t.role !== 'processor';
}
