import { Injectable } from '@nestjs/common';
import { parisDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { SnapshotService } from '../snapshot/snapshot.service';
import { breachTimeline, endOfParisDay, Timeline } from './breach-timeline';
import { CalendarEvent, calendarEvents, ObjectionWindow, objectionWindow, toIcs } from './calendar-feed';
import type { Breach, ComplianceSnapshot, SubprocessorChange } from '../snapshot/snapshot';
import { contractDeadlines } from './contract-deadlines';

/**
 * Deadlines of one organisation, for the HTTP API and the CLI alike: breach notification chains,
 * objection windows, contract deadlines and the calendar feed. The arithmetic is pure (deadline.ts,
 * holidays.ts); this service only loads the snapshot and picks the record.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly snapshots: SnapshotService,
    private readonly clock: Clock,
  ) {}

  /**
   * The notification chain of one breach judged at an instant: `at` is an ISO instant, or a day
   * (YYYY-MM-DD, meaning its end, 24:00 Europe/Paris); default now.
   */
  async breachTimeline(slug: string, key: string, at?: string): Promise<Timeline> {
    const instant = !at ? this.clock.instant() : at.length === 10 ? endOfParisDay(at) : at;
    const snapshot = await this.snapshots.build(slug, parisDate(instant));
    const breach = snapshot.breaches.find((b) => b.key === key);
    if (!breach) throw new NotFoundError('Breach', key);
    return breachTimeline(snapshot, breach, instant);
  }

  /** A sub-processor change's objection window on a day (default today). */
  async objectionWindow(slug: string, key: string, asOf?: string): Promise<ObjectionWindow> {
    const snapshot = await this.snapshots.build(slug, asOf ?? this.clock.today());
    const change = snapshot.subprocessorChanges.find((c) => c.key === key);
    if (!change) throw new NotFoundError('Sub-processor change', key);
    return objectionWindow(snapshot, change);
  }

  /** An engagement's deadlines: the contract's, and the law's defaults where it is silent. */
  async engagementDeadlines(slug: string, key: string) {
    const snapshot = await this.snapshots.build(slug, this.clock.today());
    const engagement = snapshot.engagements.find((e) => e.key === key);
    if (!engagement) throw new NotFoundError('Engagement', key);
    return contractDeadlines(engagement);
  }

  /** The dated obligations of a snapshot already built, judged at an instant (default: the end of its day). */
  events(snapshot: ComplianceSnapshot, now: string = endOfParisDay(snapshot.asOf)): CalendarEvent[] {
    return calendarEvents(snapshot, now);
  }

  /** Breach timelines of a snapshot already built (pages list every breach at once). */
  timelineOf(snapshot: ComplianceSnapshot, breach: Breach, at: string): Timeline {
    return breachTimeline(snapshot, breach, at);
  }

  /** Objection windows of a snapshot already built. */
  windowOf(snapshot: ComplianceSnapshot, change: SubprocessorChange): ObjectionWindow {
    return objectionWindow(snapshot, change);
  }

  /** The organisation's iCalendar feed, as of a day (its end) or now. */
  async calendar(slug: string, asOf?: string): Promise<string> {
    const snapshot = await this.snapshots.build(slug, asOf ?? this.clock.today());
    const now = asOf ? endOfParisDay(asOf) : this.clock.instant();
    return toIcs(calendarEvents(snapshot, now), { name: `Registre — ${snapshot.organisation.name}`, now });
  }
}
