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
    // Per holder, once, shared by its certificates: the treatments in use relying on one of its
    // engagements (the index knows them per engagement), in the register's order; every treatment in
    // use relies on what the organisation itself holds.
    let position: Map<Treatment, number> | undefined;
    const lists = new Map<string, readonly Treatment[] | undefined>();
    const listOf = (holder: string): readonly Treatment[] | undefined => {
      if (lists.has(holder)) return lists.get(holder);
      let list: readonly Treatment[] | undefined;
      if (holder === ORGANISATION_HOLDER) list = ctx.inUse;
      else {
        const engagements = ctx.engagementsOf(holder);
        if (engagements.length === 1) list = ctx.treatmentsRelyingOn(engagements[0].key);
        else {
          const all = new Set<Treatment>();
          for (const e of engagements) for (const t of ctx.treatmentsRelyingOn(e.key)) all.add(t);
          position ??= new Map(ctx.inUse.map((t, i) => [t, i]));
          const at = position;
          list = [...all].sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0));
        }
      }
      if (!list?.length) list = undefined;
      lists.set(holder, list);
      return list;
    };
    const out: ReliedCertificate[] = [];
    for (const [i, c] of ctx.snapshot.certificates.entries()) {
      if (i % STEP === STEP - 1) yield;
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
