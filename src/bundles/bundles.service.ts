import { Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { ConflictError, ValidationFailedError } from '../common/errors';
import { KeyIndex, RecordView, stripMeta } from '../common/records/record-store';
import { audit } from '../audit/audit';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { BUNDLED_KINDS, CollectionName } from '../records/record-kinds';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleDto } from './bundle.dto';
import { validateBundle } from './bundle-validation';

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
    private readonly clock: Clock,
  ) {}

  /** The whole organisation, every list ordered by key (code-unit order, the same on every engine). */
  async export(slug: string): Promise<BundleDto> {
    const manager = this.dataSource.manager;
    const org = await this.organisations.find(manager, slug);
    const { createdAt: _c, updatedAt: _u, ...organisation } = await this.organisations.get(slug);
    const index = new KeyIndex(manager, org.id);
    const bundle: Record<string, unknown> = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, organisation };
    for (const { collection, store } of BUNDLED_KINDS) {
      const views = await store.list(manager, org.id, index);
      bundle[collection] = views.map((v: RecordView<{ key: string }>) => stripMeta(v)).sort(byKey);
    }
    return bundle as unknown as BundleDto;
  }

  /**
   * Validates the whole bundle, then writes it in one transaction: a bundle with one bad record
   * changes nothing. With `replace`, an existing organisation of the same slug keeps its identity —
   * its published versions, its audit trail and its alert channels stay bound to it — while its
   * records are replaced by the bundle's; the replacement is itself audited.
   */
  async import(raw: unknown, options: { replace?: boolean } = {}): Promise<ImportResult> {
    const { bundle, problems } = validateBundle(raw);
    if (!bundle) throw new ValidationFailedError(problems, 'The bundle is not valid; nothing was written');
    const now = this.clock.instant();
    return this.dataSource.transaction(async (manager) => {
      const slug = bundle.organisation.slug;
      const existing = await manager.findOne(OrganisationEntity, { where: { slug } });
      if (existing && !options.replace) {
        throw new ConflictError(`Organisation "${slug}" already exists; import with replace to overwrite it`, [
          { field: 'organisation.slug', problem: `"${slug}" is already used` },
        ]);
      }
      const org = existing
        ? await this.organisations.replaceWith(manager, existing, bundle.organisation, now)
        : await this.organisations.insert(manager, bundle.organisation, now);
      const index = new KeyIndex(manager, org.id);
      const lists = bundle as unknown as Record<string, { key: string }[] | undefined>;
      const counts = {} as ImportResult['counts'];
      for (const { collection, store } of BUNDLED_KINDS) {
        const records = lists[collection] ?? [];
        for (const [i, record] of records.entries()) {
          try {
            await store.create(manager, org.id, record, now, index);
          } catch (error) {
            throw prefixProblems(error, `${collection}[${i}]`);
          }
        }
        counts[collection] = records.length;
      }
      if (existing) {
        await audit(manager, {
          organisationId: org.id,
          at: now,
          action: 'import',
          entity: 'Organisation',
          key: slug,
          after: { replaced: true, counts },
        });
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
