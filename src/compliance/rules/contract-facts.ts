import type { Engagement } from '../../snapshot/snapshot';

/**
 * Whether anything of the contract itself is recorded for an engagement (a DPA date, reference or
 * version). Without it, a missing term means "nothing is recorded", never "the contract sets nothing".
 */
export function contractRecorded(e: Engagement): boolean {
  return Boolean(e.dpaSignedOn || e.dpaReference || e.dpaVersion || e.dpaVersionDate);
}
