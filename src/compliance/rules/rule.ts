import type { RuleFinding, RuleMeta } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';

/** The contract every rule meets: metadata for the catalog, and a pure evaluation. */
export interface Rule extends RuleMeta {
  evaluate(ctx: SnapshotIndex): RuleFinding[];
}

export const GDPR = {
  art30_1: { fr: 'RGPD art. 30(1)', en: 'GDPR Art. 30(1)' },
  art30_2: { fr: 'RGPD art. 30(2)', en: 'GDPR Art. 30(2)' },
} as const;
