import { Inject, Injectable } from '@nestjs/common';
import { BundlesService } from '../bundles/bundles.service';
import type { PlannedRecord } from '../bundles/import-plan';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { isIsoDate, isIsoInstant } from '../common/validators';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { asFieldProblems, describeProblem, ImportProblem, locateProblems } from './problems';
import { DEFAULT_READ_LIMITS, ReadLimits, readTable } from './read';
import { compareSubprocessorList, ListChange, parseSubprocessorList } from './subprocessor-list';
import { parisOffset } from './values';

export interface SubprocessorListRequest {
  data: Buffer;
  filename?: string;
  /** The day (or instant) the list was received: the objection window runs from it. Default today. */
  noticeDate?: string;
  plannedEffectiveOn?: string;
  /** The fingerprint of the preview being confirmed. */
  expect?: string;
}

export interface SubprocessorListPreview {
  engagement: string;
  provider: { key: string; name: string };
  noticeReceivedAt: string;
  objectionWindowDays: number | null;
  noChanges: boolean;
  message: string;
  summary: {
    added: number;
    removed: number;
    relocated: number;
    safeguardChanged: number;
    unchanged: number;
    errors: number;
    warnings: number;
  };
  changes: ListChange[];
  unchanged: { key: string; name: string; row: number }[];
  records: PlannedRecord[];
  problems: ImportProblem[];
  messages: string[];
  fingerprint: string;
  applied: boolean;
}

/**
 * A provider's new list of sub-processors against one engagement: the preview names every change
 * (and every unreadable cell), the confirmation records the change notices and brings the chain in
 * line, all or nothing.
 */
@Injectable()
export class SubprocessorListService {
  private readonly limits: ReadLimits;

  constructor(
    private readonly bundles: BundlesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { ...DEFAULT_READ_LIMITS, ...config.imports };
  }

  async preview(
    slug: string,
    engagementKey: string,
    request: SubprocessorListRequest,
  ): Promise<SubprocessorListPreview> {
    return (await this.prepare(slug, engagementKey, request)).preview;
  }

  async apply(slug: string, engagementKey: string, request: SubprocessorListRequest): Promise<SubprocessorListPreview> {
    const { preview, incoming } = await this.prepare(slug, engagementKey, request);
    if (preview.summary.errors) {
      throw new ValidationFailedError(
        asFieldProblems(preview.problems),
        `The list has ${preview.summary.errors} problem(s); nothing was written`,
      );
    }
    if (preview.noChanges) return preview;
    await this.bundles.applyPlan(incoming, { slug, expect: request.expect ?? preview.fingerprint });
    return { ...preview, applied: true };
  }

  private async prepare(slug: string, engagementKey: string, request: SubprocessorListRequest) {
    const noticeReceivedAt = noticeInstant(request.noticeDate ?? this.clock.today());
    if (request.plannedEffectiveOn !== undefined && !isIsoDate(request.plannedEffectiveOn)) {
      throw new ValidationFailedError([{ field: 'plannedEffectiveOn', problem: 'must be a real date as YYYY-MM-DD' }]);
    }
    const table = readTable(request.data, this.limits);
    const bundle = await this.bundles.export(slug);
    const engagement = (bundle.engagements ?? []).find((e) => e.key === engagementKey);
    if (!engagement) throw new NotFoundError('Engagement', engagementKey);
    const provider = (bundle.subcontractors ?? []).find((s) => s.key === engagement.provider);
    const list = parseSubprocessorList(table);
    const comparison = compareSubprocessorList(bundle, engagementKey, list, {
      noticeReceivedAt,
      plannedEffectiveOn: request.plannedEffectiveOn,
      document: request.filename ?? `liste des sous-traitants ultérieurs de ${provider?.name ?? engagement.provider}`,
    });
    const { plan } = await this.bundles.plan(comparison.incoming, { slug });
    const problems = [...comparison.problems, ...locateProblems(plan.problems, comparison.provenance)];
    const count = (kind: ListChange['kind']) => comparison.changes.filter((c) => c.kind === kind).length;
    const providerName = provider?.name ?? engagement.provider;
    const noChanges = comparison.changes.length === 0;
    const preview: SubprocessorListPreview = {
      engagement: engagementKey,
      provider: { key: engagement.provider, name: providerName },
      noticeReceivedAt,
      objectionWindowDays: engagement.objectionWindowDays ?? null,
      noChanges,
      message: noChanges
        ? `No changes: the list matches the ${comparison.unchanged.length} sub-processor(s) recorded for ${providerName}.`
        : `${comparison.changes.length} change(s) to the sub-processors of ${providerName}, notified on ${noticeReceivedAt.slice(0, 10)}${engagement.objectionWindowDays !== undefined ? `: the ${engagement.objectionWindowDays}-day objection window runs from that day` : ' (the contract sets no objection window)'}.`,
      summary: {
        added: count('addition'),
        removed: count('removal'),
        relocated: count('relocation'),
        safeguardChanged: count('safeguard-change'),
        unchanged: comparison.unchanged.length,
        errors: problems.filter((p) => p.severity === 'error').length,
        warnings: problems.filter((p) => p.severity === 'warning').length,
      },
      changes: comparison.changes,
      unchanged: comparison.unchanged,
      records: plan.records,
      problems,
      messages: problems.map((p) => `${p.severity}: ${describeProblem(p)}`),
      fingerprint: plan.fingerprint,
      applied: false,
    };
    return { preview, incoming: comparison.incoming };
  }
}

/** A day → its start, Paris time (the window counts from the next day); an instant as given. */
function noticeInstant(day: string): string {
  if (isIsoInstant(day)) return day;
  if (!isIsoDate(day)) {
    throw new ValidationFailedError([
      { field: 'noticeDate', problem: 'must be a real date as YYYY-MM-DD or an ISO 8601 date-time with offset' },
    ]);
  }
  const date = String(day);
  return `${date}T00:00:00${parisOffset(`${date}T00:00`)}`;
}
