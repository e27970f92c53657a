import { Injectable } from '@nestjs/common';
import type { BundleDto } from '../bundles/bundle.dto';
import { BundlesService } from '../bundles/bundles.service';
import { runInSlices } from '../common/steps';
import { ComplianceSnapshot, snapshotStepsFromBundle } from './snapshot';

/**
 * The one place an organisation becomes a snapshot: rules, deadlines, alerts and documents all read
 * through it. A fixed number of queries whatever the organisation's size (one per table, through the
 * export that also serves bundles).
 */
@Injectable()
export class SnapshotService {
  constructor(private readonly bundles: BundlesService) {}

  async build(slug: string, asOf: string): Promise<ComplianceSnapshot> {
    return (await this.load(slug, asOf)).snapshot;
  }

  /** Changes with every write to the organisation (see `BundlesService.revision`): the key of cached answers. */
  revision(slug: string): Promise<string> {
    return this.bundles.revision(slug);
  }

  /** The snapshot with the bundle it was made from (documents fingerprint the bundle). */
  async load(slug: string, asOf: string): Promise<{ bundle: BundleDto; snapshot: ComplianceSnapshot }> {
    const bundle = await this.bundles.export(slug);
    // Freezing a large register takes tens of milliseconds: it is done in slices (the export ended on a yield).
    const snapshot = await runInSlices(snapshotStepsFromBundle(bundle, asOf), 10);
    return { bundle, snapshot };
  }
}
