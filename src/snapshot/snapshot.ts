import type { BundleDto } from '../bundles/bundle.dto';
import type { CreateOrganisationDto } from '../organisations/organisation.dto';
import type { CreateTreatmentDto } from '../register/treatment.dto';
import type { CreateCertificateDto } from '../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../subcontractors/engagement.dto';
import type { CreateSubcontractorDto, GuaranteeDto } from '../subcontractors/subcontractor.dto';
import type { CreateSubprocessorChangeDto } from '../subcontractors/subprocessor-change.dto';
import type { CreateWaiverDto } from '../waivers/waiver.dto';
import type { CreateBreachDto } from '../breaches/breach.dto';
import { REFERENCE } from '../reference/reference-data';
import { BUNDLED_KINDS, BundleCollections, CollectionName } from '../records/record-kinds';
import { drain } from '../common/steps';

/** The kinds of record a finding or an alert can be about. */
export const SUBJECT_TYPES = [
  'organisation',
  'treatment',
  'subcontractor',
  'certificate',
  'engagement',
  'subprocessor-change',
  'breach',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** A record named for people: its kind, its key (the slug for the organisation) and its name. */
export interface SubjectRef {
  type: SubjectType;
  id: string;
  name: string;
}

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type Organisation = DeepReadonly<CreateOrganisationDto>;
export type Treatment = DeepReadonly<CreateTreatmentDto>;
export type Subcontractor = DeepReadonly<CreateSubcontractorDto>;
export type Guarantee = DeepReadonly<GuaranteeDto>;
export type Certificate = DeepReadonly<CreateCertificateDto>;
export type Engagement = DeepReadonly<CreateEngagementDto>;
export type SubprocessorChange = DeepReadonly<CreateSubprocessorChangeDto>;
export type Waiver = DeepReadonly<CreateWaiverDto>;
export type Breach = DeepReadonly<CreateBreachDto>;

/**
 * One organisation as plain, frozen data plus the date asked: everything a rule may look at. Rules
 * are pure functions of it (no ORM, no I/O, no clock), so "what will be wrong on 2026-12-20?" is
 * the same question as "what is wrong today" with another `asOf`. Its lists are the bundled kinds of
 * the registry (records/record-kinds.ts).
 */
export type ComplianceSnapshot = {
  /** The legal day asked, YYYY-MM-DD in Europe/Paris. */
  readonly asOf: string;
  readonly organisation: Organisation;
  readonly referenceVersions: typeof REFERENCE.versions;
} & { readonly [K in CollectionName]: readonly DeepReadonly<BundleCollections[K][number]>[] };

export function snapshotFromBundle(bundle: BundleDto, asOf: string): ComplianceSnapshot {
  return drain(snapshotStepsFromBundle(bundle, asOf));
}

/** `snapshotFromBundle` in steps (the freeze yields every few thousand objects). */
export function* snapshotStepsFromBundle(bundle: BundleDto, asOf: string): Generator<void, ComplianceSnapshot> {
  const lists = bundle as unknown as Record<string, unknown[] | undefined>;
  const snapshot: Record<string, unknown> = {
    asOf,
    organisation: bundle.organisation,
    referenceVersions: REFERENCE.versions,
  };
  for (const { collection } of BUNDLED_KINDS) snapshot[collection] = lists[collection] ?? [];
  return yield* deepFreezeSteps(snapshot as ComplianceSnapshot);
}

/** Freezes every object reachable from `value`, with an explicit stack (no depth limit). */
export function deepFreeze<T>(value: T): T {
  return drain(deepFreezeSteps(value));
}

/** Objects frozen between two yields. */
const FREEZE_STEP = 5000;

function* deepFreezeSteps<T>(value: T): Generator<void, T> {
  const stack: unknown[] = [value];
  let n = 0;
  while (stack.length) {
    const item = stack.pop();
    if (item && typeof item === 'object' && !Object.isFrozen(item)) {
      Object.freeze(item);
      for (const v of Object.values(item as Record<string, unknown>)) stack.push(v);
      if (++n % FREEZE_STEP === 0) yield;
    }
  }
  return value;
}
