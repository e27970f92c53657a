import { Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { KeyIndex, stripMeta } from '../common/records/record-store';
import { yieldToEventLoop } from '../common/steps';
import { audit } from '../audit/audit';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { BUNDLED_KINDS, CollectionName } from '../records/record-kinds';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleDto } from './bundle.dto';
import { validateBundle } from './bundle-validation';
import { ComputedPlan, computePlan, ImportPlanCore, IncomingBundle } from './import-plan';

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
    const { createdAt: _c, updatedAt: _u, ...organisation } = this.organisations.view(org);
    const index = new KeyIndex(manager, org.id);
    const bundle: Record<string, unknown> = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, organisation };
    for (const { collection, store } of BUNDLED_KINDS) {
      bundle[collection] = (await store.listBare(manager, org.id, index)).sort(byKey);
      await yieldToEventLoop(); // a large collection's views and sort took their share of the loop
    }
    return bundle as unknown as BundleDto;
  }

  /**
   * A token that changes with every write to the organisation: every write appends an audit row, which
   * renews the organisation's revision in the same transaction (src/audit/audit.ts). Two reads of the same token saw the
   * same data, on every instance sharing the database: caches of answers drawn from the organisation
   * (findings, documents) key on it. The organisation's id is part of it, so an organisation deleted and
   * created again under the same slug never matches an old token.
   */
  async revision(slug: string): Promise<string> {
    // One row by the unique slug: the token every audited write renews (src/audit/audit.ts).
    const row = await this.dataSource.manager
      .createQueryBuilder(OrganisationEntity, 'o')
      .select('o.id', 'id')
      .addSelect('o.revision', 'revision')
      .where('o.slug = :slug', { slug })
      .getRawOne<{ id: string; revision: string | null }>();
    if (!row) throw new NotFoundError('Organisation', slug);
    return `${row.id}:${row.revision ?? ''}`;
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
        if (!existing) {
          // A new organisation has no record yet: no existence checks, one insert per chunk of rows.
          await store.createMany(manager, org.id, records, now, index, (error, i) =>
            prefixProblems(error, `${collection}[${i}]`),
          );
        } else {
          for (const [i, record] of records.entries()) {
            try {
              await store.create(manager, org.id, record, now, index);
            } catch (error) {
              throw prefixProblems(error, `${collection}[${i}]`);
            }
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

  /** The plan of an import: what it creates, changes, leaves alone (and deletes with `replace`), and its problems. */
  async plan(incoming: IncomingBundle, options: { slug: string; replace?: boolean }): Promise<ComputedPlan> {
    const exists = await this.dataSource.manager.findOne(OrganisationEntity, { where: { slug: options.slug } });
    const existing = exists ? await this.export(options.slug) : undefined;
    return computePlan(existing, incoming, options);
  }

  /**
   * Writes a plan, all or nothing. The plan is computed again inside the same call and must have the
   * fingerprint the caller confirmed (`expect`): if the organisation changed since the preview, nothing
   * is written (409). A new organisation, or `replace`, goes through `import`; otherwise records are
   * created and changed one by one in one transaction — records left alone keep their history —
   * and the import is audited with its counts.
   */
  async applyPlan(
    incoming: IncomingBundle,
    options: { slug: string; replace?: boolean; expect?: string },
  ): Promise<ImportPlanCore> {
    const { plan, merged } = await this.plan(incoming, options);
    if (options.expect && options.expect !== plan.fingerprint) {
      throw new ConflictError('The organisation changed since the preview: preview the import again', [
        { field: 'expect', problem: `the plan is now ${plan.fingerprint}` },
      ]);
    }
    if (plan.problems.length)
      throw new ValidationFailedError(plan.problems, 'The import is not valid; nothing was written');
    if (plan.organisation.action === 'create' || plan.replace) {
      await this.import(merged, { replace: plan.replace });
      return plan;
    }
    const now = this.clock.instant();
    await this.dataSource.transaction(async (manager) => {
      const org = await this.organisations.find(manager, options.slug);
      if (plan.organisation.action === 'change') {
        await this.organisations.updateWith(
          manager,
          org,
          merged.organisation as unknown as Record<string, unknown>,
          now,
        );
      }
      const index = new KeyIndex(manager, org.id);
      const lists = merged as unknown as Record<string, { key: string }[] | undefined>;
      // Deletions first, referring kinds before the kinds they refer to (the plan checked nothing is left dangling).
      for (const { collection, store } of [...BUNDLED_KINDS].reverse()) {
        for (const r of plan.records) {
          if (r.collection !== collection || r.action !== 'delete') continue;
          await store.remove(manager, org.id, r.key, now);
          index.forget(store.entity, r.key);
        }
      }
      for (const { collection, store } of BUNDLED_KINDS) {
        const wanted = new Map(plan.records.filter((r) => r.collection === collection).map((r) => [r.key, r.action]));
        for (const record of lists[collection] ?? []) {
          const action = wanted.get(record.key);
          try {
            if (action === 'create') await store.create(manager, org.id, record, now, index);
            else if (action === 'change') {
              const current = stripMeta(await store.get(manager, org.id, record.key)) as Record<string, unknown>;
              const patch: Record<string, unknown> = { ...record };
              for (const field of Object.keys(current)) if (!(field in record)) patch[field] = null;
              delete patch.key;
              await store.update(manager, org.id, record.key, patch, now);
            }
          } catch (error) {
            throw prefixProblems(error, `${collection}[${record.key}]`);
          }
        }
      }
      await audit(manager, {
        organisationId: org.id,
        at: now,
        action: 'import',
        entity: 'Organisation',
        key: options.slug,
        after: { replaced: false, summary: plan.summary },
      });
    });
    return plan;
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
