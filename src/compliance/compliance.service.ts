import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import { SnapshotService } from '../snapshot/snapshot.service';
import { evaluate, Evaluation } from './engine';
import type { Lang } from './finding';

export interface FindingsReport extends Evaluation {
  organisation: { slug: string; name: string };
}

@Injectable()
export class ComplianceService {
  constructor(
    private readonly snapshots: SnapshotService,
    private readonly clock: Clock,
  ) {}

  /** `asOf` defaults to today in Europe/Paris. */
  async findings(slug: string, options: { asOf?: string; lang?: Lang } = {}): Promise<FindingsReport> {
    return (await this.check(slug, options)).report;
  }

  /** The findings with the snapshot they were drawn from (pages that show both build it once). */
  async check(
    slug: string,
    options: { asOf?: string; lang?: Lang } = {},
  ): Promise<{ snapshot: ComplianceSnapshot; report: FindingsReport }> {
    const snapshot = await this.snapshots.build(slug, options.asOf ?? this.clock.today());
    const result = evaluate(snapshot, options.lang ?? 'fr');
    return { snapshot, report: { organisation: { slug, name: snapshot.organisation.name }, ...result } };
  }
}
