import { REFERENCE } from '../../reference/reference-data';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Severity } from '../finding';
import { TransferCase, transferCases } from './transfers';

const APPLIES_TO = new Set<string>(REFERENCE.tia.appliesTo);

/**
 * Transfers that stand on SCC or BCR to a destination without adequacy (the EEA, full adequacy and DPF
 * reliance need none): each needs a transfer impact assessment (Schrems II, C-311/18; EDPB
 * Recommendations 01/2020). One to the US weighs less than one elsewhere: the US safeguards of
 * Executive Order 14086 apply to every transfer to the US, whatever the tool (EDPB note, July 2023).
 */
export function transfersNeedingTia(ctx: SnapshotIndex): readonly TransferCase[] {
  return ctx.memo('transfers-needing-tia', () =>
    transferCases(ctx).filter(
      (c) =>
        c.via !== 'stated' &&
        c.safeguard !== undefined &&
        APPLIES_TO.has(c.safeguard.kind) &&
        (c.verdict === 'covered' || c.verdict === 'version-unknown'),
    ),
  );
}

/** How much a transfer without (a sound) assessment weighs: less for a DPF country than for one with no adequacy. */
export function tiaSeverity(c: TransferCase): Severity {
  return (c.dpfCountry ? REFERENCE.tia.severity.dpfCountry : REFERENCE.tia.severity.noAdequacy) as Severity;
}
