import { Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConflictError, ValidationFailedError } from '../common/errors';
import { KeyIndex, RecordStore, RecordView, stripMeta } from '../common/record-store';
import { breachStore } from '../breaches/breach.store';
import { waiverStore } from '../compliance/waiver.store';
import { OrgRecordEntity } from '../database/columns';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { treatmentStore } from '../register/treatment.store';
import {
  certificateStore,
  engagementStore,
  subcontractorStore,
  subprocessorChangeStore,
} from '../subcontractors/subcontractor.stores';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleDto } from './bundle.dto';
import { validateBundle } from './bundle-validation';

/** The collections of a bundle, in the order an import writes them (referenced before referring). */
type CollectionName =
  'subcontractors' | 'certificates' | 'engagements' | 'treatments' | 'subprocessorChanges' | 'breaches' | 'waivers';
/** Records reach a store here already validated by the bundle's own DTOs, so one loose type serves all. */
type AnyStore = RecordStore<OrgRecordEntity, { key: string }>;
const loose = (store: unknown) => store as AnyStore;
const COLLECTIONS: readonly [CollectionName, AnyStore][] = [
  ['subcontractors', loose(subcontractorStore)],
  ['certificates', loose(certificateStore)],
  ['engagements', loose(engagementStore)],
  ['treatments', loose(treatmentStore)],
  ['subprocessorChanges', loose(subprocessorChangeStore)],
  ['breaches', loose(breachStore)],
  ['waivers', loose(waiverStore)],
];

export interface ImportResult {
  organisation: string;
  replaced: boolean;
  counts: Record<CollectionName, number>;
}

export const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

@Injectable()
export class BundlesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  /** The whole organisation, every list ordered by key (code-unit order, the same on every engine). */
  async export(slug: string): Promise<BundleDto> {
    const manager = this.dataSource.manager;
    const org = await this.organisations.find(manager, slug);
    const { createdAt: _c, updatedAt: _u, ...organisation } = await this.organisations.get(slug);
    const index = new KeyIndex(manager, org.id);
    const bundle: Record<string, unknown> = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, organisation };
    for (const [name, store] of COLLECTIONS) {
      const views = await store.list(manager, org.id, index);
      bundle[name] = views.map((v: RecordView<{ key: string }>) => stripMeta(v)).sort(byKey);
    }
    return bundle as unknown as BundleDto;
  }

  /**
   * Validates the whole bundle, then writes it in one transaction: a bundle with one bad record
   * changes nothing. With `replace`, an existing organisation of the same slug is deleted first
   * (inside the same transaction).
   */
  async import(raw: unknown, options: { replace?: boolean } = {}): Promise<ImportResult> {
    const { bundle, problems } = validateBundle(raw);
    if (!bundle) throw new ValidationFailedError(problems, 'The bundle is not valid; nothing was written');
    return this.dataSource.transaction(async (manager) => {
      const slug = bundle.organisation.slug;
      const existing = await manager.findOne(OrganisationEntity, { where: { slug } });
      if (existing && !options.replace) {
        throw new ConflictError(`Organisation "${slug}" already exists; import with replace to overwrite it`, [
          { field: 'organisation.slug', problem: `"${slug}" is already used` },
        ]);
      }
      if (existing) await this.organisations.removeWith(manager, existing);
      const org = await this.organisations.insert(manager, bundle.organisation);
      const index = new KeyIndex(manager, org.id);
      const counts = {} as ImportResult['counts'];
      for (const [name, store] of COLLECTIONS) {
        const records = (bundle[name] ?? []) as { key: string }[];
        for (const [i, record] of records.entries()) {
          try {
            await store.create(manager, org.id, record, index);
          } catch (error) {
            throw prefixProblems(error, `${name}[${i}]`);
          }
        }
        counts[name] = records.length;
      }
      return { organisation: slug, replaced: Boolean(existing), counts };
    });
  }

  /** Loads the bundles of `seeds/`; an organisation already present is left as it is unless `reset`. */
  async seed(options: { reset?: boolean; dir?: string } = {}) {
    const dir = options.dir ?? SEEDS_DIR;
    const results: { file: string; organisation: string; action: 'created' | 'replaced' | 'kept' }[] = [];
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { organisation?: { slug?: string } };
      const slug = raw.organisation?.slug ?? '';
      const exists = await this.dataSource.manager.findOne(OrganisationEntity, { where: { slug } });
      if (exists && !options.reset) {
        results.push({ file: basename(file), organisation: slug, action: 'kept' });
        continue;
      }
      try {
        const result = await this.import(raw, { replace: true });
        results.push({
          file: basename(file),
          organisation: result.organisation,
          action: exists ? 'replaced' : 'created',
        });
      } catch (error) {
        throw prefixProblems(error, basename(file));
      }
    }
    return results;
  }
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Names the record an error came from, e.g. `treatments[3].uses[0].engagement`. */
function prefixProblems(error: unknown, prefix: string): unknown {
  if (error instanceof ValidationFailedError || error instanceof ConflictError || isDomainWithDetails(error)) {
    for (const d of error.details) d.field = d.field ? `${prefix}.${d.field}` : prefix;
    if (!error.details.length) error.details.push({ field: prefix, problem: error.message });
  }
  return error;
}

function isDomainWithDetails(
  error: unknown,
): error is { details: { field: string; problem: string }[]; message: string } {
  return typeof error === 'object' && error !== null && Array.isArray((error as { details?: unknown }).details);
}
