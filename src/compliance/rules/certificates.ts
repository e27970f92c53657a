import { addDays } from '../../common/calendar-date';
import { certificateFamily } from '../../subcontractors/certificate-validity';
import { holderOf, ORGANISATION_HOLDER, SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Certificate, Treatment } from '../../snapshot/snapshot';
import { drain } from '../../common/steps';
import { STEP } from './rule';

export interface ReliedCertificate {
  certificate: Certificate;
  treatments: readonly Treatment[];
  /**
   * A renewal on file: another certificate of the same holder and family that starts no later than the
   * day after this one ends, ends later, and has not ended on the date asked.
   */
  supersededBy?: Certificate;
}

/**
 * Certificates a treatment in use relies on: those held by a provider anywhere in the treatment's
 * chain of processors and sub-processors, and the organisation's own (every treatment in use relies on
 * what the organisation itself holds).
 */
export function reliedCertificates(ctx: SnapshotIndex): readonly ReliedCertificate[] {
  return drain(reliedCertificateSteps(ctx));
}

/** `reliedCertificates` in steps (for stepped rules): computed once per evaluation. */
export function reliedCertificateSteps(ctx: SnapshotIndex): Generator<void, readonly ReliedCertificate[]> {
  return ctx.memoSteps('relied-certificates', function* () {
    const treatmentsByHolder = new Map<string, Map<string, Treatment>>();
    for (const [i, t] of ctx.inUse.entries()) {
      if (i % STEP === STEP - 1) yield;
      for (const e of ctx.treatmentChain(t)) {
        const map = treatmentsByHolder.get(e.provider) ?? new Map<string, Treatment>();
        map.set(t.key, t);
        treatmentsByHolder.set(e.provider, map);
      }
    }
    if (ctx.inUse.length) treatmentsByHolder.set(ORGANISATION_HOLDER, new Map(ctx.inUse.map((t) => [t.key, t])));
    // One list per holder, shared by its certificates (a host with many certificates and thousands of
    // treatments copied them once per certificate).
    const lists = new Map<string, readonly Treatment[]>();
    const listOf = (holder: string): readonly Treatment[] | undefined => {
      let list = lists.get(holder);
      if (!list) {
        const treatments = treatmentsByHolder.get(holder);
        if (!treatments) return undefined;
        lists.set(holder, (list = Object.freeze([...treatments.values()])));
      }
      return list;
    };
    const out: ReliedCertificate[] = [];
    for (const c of ctx.snapshot.certificates) {
      const treatments = listOf(holderOf(c));
      if (!treatments) continue;
      const end = ctx.certificateEnd(c).date;
      const supersededBy = ctx.certificatesOf(holderOf(c)).find((o) => {
        if (o === c || certificateFamily(o.kind) !== certificateFamily(c.kind)) return false;
        const otherEnd = ctx.certificateEnd(o).date;
        if (!otherEnd || otherEnd < ctx.asOf) return false;
        if (end === undefined) return ctx.isValidOn(o);
        return otherEnd > end && (!o.validFrom || o.validFrom <= addDays(end, 1));
      });
      out.push({ certificate: c, treatments, supersededBy });
    }
    return out;
  });
}
