import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import { SnapshotService } from '../snapshot/snapshot.service';
import { evaluate, Evaluation } from './engine';
import type { Lang } from './finding';
import type { FindingsView } from './findings-query.dto';
import { groupByRule, groupBySubject, RuleGroup, SubjectGroup } from './groups';

export interface FindingsReport extends Evaluation {
  organisation: { slug: string; name: string };
}

type Head = Omit<FindingsReport, 'findings'>;
export type GroupedReport = Head & { view: 'groups'; groups: RuleGroup[] };
export type SubjectReport = Head & { view: 'subjects'; subjects: SubjectGroup[] };

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

  /** The same findings, flat or grouped (per rule, per subject): every finding keeps its id. */
  async report(
    slug: string,
    options: { asOf?: string; lang?: Lang; view?: FindingsView } = {},
  ): Promise<FindingsReport | GroupedReport | SubjectReport> {
    const report = await this.findings(slug, options);
    return present(report, options.view ?? 'findings', options.lang ?? 'fr');
  }
}

export function present(
  report: FindingsReport,
  view: FindingsView,
  lang: Lang,
): FindingsReport | GroupedReport | SubjectReport {
  if (view === 'findings') return report;
  const { findings, ...head } = report;
  return view === 'groups'
    ? { ...head, view, groups: groupByRule(findings, lang) }
    : { ...head, view, subjects: groupBySubject(findings) };
}
