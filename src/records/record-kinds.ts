import type { EntityManager } from 'typeorm';
import { alertChannelStore } from '../alerts/alert-channel.store';
import { breachStore } from '../breaches/breach.store';
import type { FieldProblem } from '../common/errors';
import type { RecordStore } from '../common/records/record-store';
import { waiverStore } from '../waivers/waiver.store';
import type { OrgRecordEntity } from '../common/columns';
import { treatmentStore } from '../register/treatment.store';
import {
  certificateStore,
  engagementStore,
  subcontractorStore,
  subprocessorChangeStore,
} from '../subcontractors/subcontractor.stores';

/** Records reach a store already validated by their kind's DTO, so one loose type serves every kind. */
export type AnyStore = RecordStore<OrgRecordEntity, { key: string }>;

/** A kind of record an organisation holds, with the DTO type of its records (type only). */
export interface RecordKind<N extends string = string, D = unknown, B extends boolean = boolean> {
  /** The name of its list in a bundle and in the snapshot. */
  readonly collection: N;
  readonly store: AnyStore;
  /** Held in bundles and snapshots; false for configuration kept out of them (alert channels hold secrets). */
  readonly inBundle: B;
  readonly dto?: D;
}

function kind<N extends string, E extends OrgRecordEntity, D extends { key: string }, B extends boolean = true>(
  collection: N,
  store: RecordStore<E, D>,
  inBundle: B = true as B,
): RecordKind<N, D, B> {
  return { collection, store: store as unknown as AnyStore, inBundle };
}

/**
 * The registry of record kinds: the one list that export, import, bundle validation, organisation
 * deletion, the snapshot and reference checks read. In writing order — every kind after the kinds it
 * refers to (a test holds this); deletion runs in reverse. Adding a kind is one entry here (with its
 * entity, DTO and store in its own module, and a migration).
 */
export const RECORD_KINDS = [
  kind('subcontractors', subcontractorStore),
  kind('certificates', certificateStore),
  kind('engagements', engagementStore),
  kind('treatments', treatmentStore),
  kind('subprocessorChanges', subprocessorChangeStore),
  kind('breaches', breachStore),
  kind('waivers', waiverStore),
  kind('alertChannels', alertChannelStore, false),
] as const;

type Kinds = (typeof RECORD_KINDS)[number];
type Bundled = Extract<Kinds, { inBundle: true }>;

/** The lists of a bundle, by collection name, with their record types. */
export type BundleCollections = { [K in Bundled as K['collection']]: NonNullable<K['dto']>[] };
export type CollectionName = keyof BundleCollections;

export const BUNDLED_KINDS = RECORD_KINDS.filter((k): k is Bundled => k.inBundle);

const kindByEntity = new Map<unknown, Kinds>(RECORD_KINDS.map((k) => [k.store.entity, k]));

/** The kind whose records an entity class holds. */
export function kindOf(entity: unknown): Kinds {
  const found = kindByEntity.get(entity);
  if (!found) throw new Error(`no record kind for ${String(entity)}`);
  return found;
}

/**
 * What still refers to a record, found from the references every kind declares: deleting it first
 * would leave those dangling (409 naming each referrer).
 */
export async function referrersOf(
  manager: EntityManager,
  organisationId: string,
  target: { entity: unknown },
  record: { id: string; key: string },
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const k of RECORD_KINDS) {
    for (const ref of k.store.refs) {
      if (ref.target !== target.entity) continue;
      for (const key of await k.store.referring(manager, organisationId, ref, record)) {
        problems.push({ field: ref.path, problem: `used by ${k.store.what.toLowerCase()} "${key}"` });
      }
    }
  }
  return problems;
}

/** Deletes every record of an organisation, referring kinds before the kinds they refer to. */
export async function removeAllRecords(
  manager: EntityManager,
  organisationId: string,
  kinds: readonly RecordKind[] = RECORD_KINDS,
) {
  for (const k of [...kinds].reverse()) await k.store.removeAll(manager, organisationId);
}
