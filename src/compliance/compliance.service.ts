import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AnswerCache } from '../common/answer-cache';
import { ContentCoding, EncodedBody, encodeBody } from '../common/content-coding';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { REFERENCE } from '../reference/reference-data';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import { SnapshotService } from '../snapshot/snapshot.service';
import { yieldToEventLoop } from '../common/steps';
import { evaluateInSlices, Evaluation } from './engine';
import type { Lang } from './finding';
import type { FindingsView } from './findings-query.dto';
import { groupByRule, groupBySubject, RuleGroup, SubjectGroup } from './groups';

export interface FindingsReport extends Evaluation {
  organisation: { slug: string; name: string };
}

type Head = Omit<FindingsReport, 'findings'>;
export type GroupedReport = Head & { view: 'groups'; groups: RuleGroup[] };
export type SubjectReport = Head & { view: 'subjects'; subjects: SubjectGroup[] };

/** One computed answer: the snapshot, its findings, and (once asked) the flat view serialised. */
export interface CheckedFindings {
  snapshot: ComplianceSnapshot;
  report: FindingsReport;
  /** Names this answer: the same tag means the same organisation data, reference data, day and language. */
  etag: string;
  /** The flat view as JSON, serialised once per answer. */
  json(): Promise<string>;
  /** The same JSON as UTF-8 bytes, encoded once. */
  bytes(): Promise<Buffer>;
  /**
   * What the API sends: the view's JSON in the coding asked (identity under COMPRESS_MIN_BYTES), each
   * view and coding made once per answer and kept with it; a failure is not kept.
   */
  body(view: FindingsView, coding: ContentCoding): Promise<EncodedBody>;
}

const REFERENCE_TAG = createHash('sha256').update(JSON.stringify(REFERENCE.versions)).digest('hex').slice(0, 16);

/** Entries kept when no configuration is given (unit tests, scripts). */
export const DEFAULT_FINDINGS_CACHE_ENTRIES = 32;

/**
 * Findings of an organisation on a day. An answer depends only on the organisation's data (its
 * revision, read from the audit trail on every call: one query, shared by every instance on the
 * database), the reference data, the day and the language; it is computed once per such key and kept
 * in a bounded cache (FINDINGS_CACHE_ENTRIES). Concurrent identical requests share one computation.
 */
@Injectable()
export class ComplianceService {
  private readonly cache: AnswerCache<CheckedFindings>;

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly clock: Clock,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.cache = new AnswerCache(config?.cache.findingsEntries ?? DEFAULT_FINDINGS_CACHE_ENTRIES);
  }

  /** `asOf` defaults to today in Europe/Paris. */
  async findings(slug: string, options: { asOf?: string; lang?: Lang } = {}): Promise<FindingsReport> {
    return (await this.check(slug, options)).report;
  }

  /**
   * The findings with the snapshot they were drawn from (pages that show both build it once), the tag
   * of the answer and its JSON. The report and snapshot are shared with later callers: read them only.
   */
  async check(slug: string, options: { asOf?: string; lang?: Lang } = {}): Promise<CheckedFindings> {
    const asOf = options.asOf ?? this.clock.today();
    const lang = options.lang ?? 'fr';
    // Read before the snapshot: a write landing in between makes this key stale, never a newer key wrong.
    const revision = await this.snapshots.revision(slug);
    const key = JSON.stringify([slug, revision, REFERENCE_TAG, asOf, lang]);
    return this.cache.get(key, async () => {
      const snapshot = await this.snapshots.build(slug, asOf);
      const result = await evaluateInSlices(snapshot, lang);
      const report: FindingsReport = { organisation: { slug, name: snapshot.organisation.name }, ...result };
      // Bytes first, a slice at a time: one Buffer.from of tens of megabytes held the loop a tenth of a second.
      const bytes = once(() => serialiseBytes(report));
      const json = once(async () => (await bytes()).toString('utf8'));
      const viewBytes = (view: FindingsView): Promise<Buffer> =>
        view === 'findings' ? bytes() : Promise.resolve(Buffer.from(JSON.stringify(present(report, view, lang))));
      const bodies = new Map<string, () => Promise<EncodedBody>>();
      return {
        snapshot,
        report,
        etag: `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`,
        json,
        bytes,
        body: (view, coding) => {
          const id = `${view}:${coding}`;
          let make = bodies.get(id);
          if (!make) bodies.set(id, (make = once(async () => encodeBody(await viewBytes(view), coding))));
          return make();
        },
      };
    });
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

/** `make()` computed at most once at a time and kept once it succeeds; a failure is forgotten. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () =>
    (kept ??= make().catch((error: unknown) => {
      kept = undefined;
      throw error;
    }));
}

/** Findings serialised per slice. */
const JSON_SLICE = 500;

/**
 * `JSON.stringify(report)` as UTF-8, byte for byte, written and encoded a slice of findings at a time
 * with the event loop given back in between (the JSON of a large register takes a tenth of a second in
 * one piece, and encoding it whole as much again); the slices are joined once, by a copy.
 */
export async function serialiseBytes(report: FindingsReport): Promise<Buffer> {
  const { findings, ...head } = report;
  const open = JSON.stringify({ ...head, findings: [] });
  const parts: Buffer[] = [Buffer.from(open.slice(0, -2), 'utf8')];
  for (let i = 0; i < findings.length; i += JSON_SLICE) {
    if (i > 0) {
      parts.push(Buffer.from(','));
      await yieldToEventLoop();
    }
    parts.push(Buffer.from(JSON.stringify(findings.slice(i, i + JSON_SLICE)).slice(1, -1), 'utf8'));
  }
  parts.push(Buffer.from(']}'));
  return joinInSlices(parts);
}

/** Bytes copied between two chances to yield when slices are joined. */
const JOIN_SLICE_BYTES = 2 << 20;

/**
 * `Buffer.concat(parts)`, copied a few megabytes at a time with the event loop given back in between:
 * joining tens of megabytes in one piece (fresh memory, faulted in page by page) held it 150 ms.
 */
export async function joinInSlices(parts: readonly Buffer[]): Promise<Buffer> {
  const out = Buffer.allocUnsafe(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  let copied = 0;
  for (const part of parts) {
    for (let at = 0; at < part.length; at += JOIN_SLICE_BYTES) {
      const end = Math.min(part.length, at + JOIN_SLICE_BYTES);
      part.copy(out, offset, at, end);
      offset += end - at;
      copied += end - at;
      if (copied >= JOIN_SLICE_BYTES) {
        copied = 0;
        await yieldToEventLoop();
      }
    }
  }
  return out;
}

/** The same JSON as a string. */
export async function serialise(report: FindingsReport): Promise<string> {
  return (await serialiseBytes(report)).toString('utf8');
}
