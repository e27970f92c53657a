import type { RuleFinding, RuleMeta } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import { drain } from '../../common/steps';

/** The contract every rule meets: metadata for the catalog, and a pure evaluation. */
export interface Rule extends RuleMeta {
  evaluate(ctx: SnapshotIndex): RuleFinding[];
  /**
   * The same evaluation in steps, for a rule that may run long on a large register: it yields every
   * `STEP` records, where the engine may give the event loop back (`evaluateInSlices`).
   */
  steps?(ctx: SnapshotIndex): Generator<void, RuleFinding[]>;
}

/** Records a stepped rule handles between two yields. */
export const STEP = 200;

/** A rule written in steps: `evaluate` runs them through. */
export function stepped(rule: Omit<Rule, 'evaluate' | 'steps'> & Required<Pick<Rule, 'steps'>>): Rule {
  return {
    ...rule,
    evaluate(this: Rule, ctx: SnapshotIndex): RuleFinding[] {
      return drain(rule.steps.call(this, ctx));
    },
  };
}

export const GDPR = {
  art30_1: { fr: 'RGPD art. 30(1)', en: 'GDPR Art. 30(1)' },
  art30_2: { fr: 'RGPD art. 30(2)', en: 'GDPR Art. 30(2)' },
} as const;
