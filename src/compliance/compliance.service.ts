import { Injectable } from '@nestjs/common';
import { BundlesService } from '../bundles/bundles.service';
import { parisToday } from '../deadlines/calendar-date';
import { OrganisationsService } from '../organisations/organisations.service';
import { evaluate, Evaluation } from './engine';
import type { Lang } from './finding';
import { ComplianceSnapshot, snapshotFromBundle } from './snapshot';

export interface FindingsReport extends Evaluation {
  organisation: { slug: string; name: string };
}

@Injectable()
export class ComplianceService {
  constructor(
    private readonly bundles: BundlesService,
    private readonly organisations: OrganisationsService,
  ) {}

  /**
   * The organisation as an immutable snapshot, in a fixed number of queries whatever its size (one
   * per table, through the export that also serves bundles).
   */
  async snapshot(slug: string, asOf: string): Promise<ComplianceSnapshot> {
    return snapshotFromBundle(await this.bundles.export(slug), asOf);
  }

  /** `asOf` defaults to today in Europe/Paris: the only place the clock is read. */
  async findings(slug: string, options: { asOf?: string; lang?: Lang } = {}): Promise<FindingsReport> {
    const snapshot = await this.snapshot(slug, options.asOf ?? parisToday());
    const result = evaluate(snapshot, options.lang ?? 'fr');
    return { organisation: { slug, name: snapshot.organisation.name }, ...result };
  }
}
