import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
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
    const snapshot = await this.snapshots.build(slug, options.asOf ?? this.clock.today());
    const result = evaluate(snapshot, options.lang ?? 'fr');
    return { organisation: { slug, name: snapshot.organisation.name }, ...result };
  }
}
