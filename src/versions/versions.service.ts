import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { audit } from '../audit/audit';
import { currentActor } from '../common/actor';
import { RegisterVersionEntity } from './register-version.entity';
import { BundleDto } from '../bundles/bundle.dto';
import { BundlesService } from '../bundles/bundles.service';
import { NotFoundError } from '../common/errors';
import { canonicalJson, fingerprint } from '../documents/view-models';
import { OrganisationsService } from '../organisations/organisations.service';
import { REFERENCE } from '../reference/reference-data';

export interface VersionView {
  number: number;
  fingerprint: string;
  /** Reference data versions it was published with, and those that have changed since (see docs/documents.md). */
  referenceVersions: Record<string, string>;
  referenceChangedSince: string[];
  note: string | null;
  publishedAt: string;
  publishedBy: string;
}

type Keyed = { key: string } & Record<string, unknown>;

/** Published register versions: immutable canonical data, fingerprinted, rendered identically later. */
@Injectable()
export class VersionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bundles: BundlesService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async publish(slug: string, note?: string): Promise<VersionView> {
    const bundle = await this.bundles.export(slug);
    return this.dataSource.transaction(async (manager) => {
      const org = await this.organisations.find(manager, slug);
      const last = await manager.findOne(RegisterVersionEntity, {
        where: { organisationId: org.id },
        order: { number: 'DESC' },
      });
      const actor = currentActor();
      const row: RegisterVersionEntity = {
        id: randomUUID(),
        organisationId: org.id,
        number: (last?.number ?? 0) + 1,
        fingerprint: fingerprint(bundle),
        referenceVersions: { ...REFERENCE.versions },
        data: canonicalJson(bundle),
        note: note ?? null,
        publishedAt: this.clock.instant(),
        publishedBy: `${actor.name} (${actor.id})`,
      };
      await manager.insert(RegisterVersionEntity, row);
      await audit(manager, {
        organisationId: org.id,
        at: row.publishedAt,
        action: 'publish',
        entity: 'RegisterVersion',
        key: String(row.number),
        after: view(row),
      });
      return view(row);
    });
  }

  async list(slug: string): Promise<VersionView[]> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    return (
      await this.dataSource.manager.find(RegisterVersionEntity, {
        where: { organisationId: org.id },
        order: { number: 'ASC' },
      })
    ).map(view);
  }

  async get(slug: string, number: number): Promise<VersionView & { bundle: BundleDto }> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const row = await this.dataSource.manager.findOne(RegisterVersionEntity, {
      where: { organisationId: org.id, number },
    });
    if (!row) throw new NotFoundError('Version', String(number));
    return { ...view(row), bundle: JSON.parse(row.data) as BundleDto };
  }

  /** Treatments and subcontractors added, removed and changed (with the names of the fields that changed). */
  async diff(slug: string, from: number, to: number) {
    const [a, b] = [await this.get(slug, from), await this.get(slug, to)];
    const compare = (left: Keyed[] = [], right: Keyed[] = []) => {
      const l = new Map(left.map((r) => [r.key, r]));
      const r = new Map(right.map((x) => [x.key, x]));
      const changed = [...r.values()]
        .filter((x) => l.has(x.key))
        .map((x) => {
          const before = l.get(x.key) as Keyed;
          const fields = [...new Set([...Object.keys(before), ...Object.keys(x)])]
            .filter((f) => canonicalJson(before[f]) !== canonicalJson(x[f]))
            .sort();
          return { key: x.key, fields };
        })
        .filter((c) => c.fields.length);
      return {
        added: [...r.keys()].filter((k) => !l.has(k)).sort(),
        removed: [...l.keys()].filter((k) => !r.has(k)).sort(),
        changed,
      };
    };
    return {
      from: { number: a.number, fingerprint: a.fingerprint },
      to: { number: b.number, fingerprint: b.fingerprint },
      treatments: compare(a.bundle.treatments as unknown as Keyed[], b.bundle.treatments as unknown as Keyed[]),
      subcontractors: compare(
        a.bundle.subcontractors as unknown as Keyed[],
        b.bundle.subcontractors as unknown as Keyed[],
      ),
    };
  }
}

function view(row: RegisterVersionEntity): VersionView {
  const frozen = row.referenceVersions ?? {};
  const now = REFERENCE.versions as Record<string, string>;
  return {
    number: row.number,
    fingerprint: row.fingerprint,
    referenceVersions: frozen,
    referenceChangedSince: Object.keys(now)
      .filter((k) => frozen[k] !== now[k])
      .sort(),
    note: row.note,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}
