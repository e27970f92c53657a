import { SettableClock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { makeSnapshot } from '../compliance/testing';
import type { SnapshotService } from '../snapshot/snapshot.service';
import { DeadlinesService } from './deadlines.service';

/** A snapshot service that records the day each build was asked for. */
function service(now = '2026-05-20T08:30:00Z') {
  const asked: string[] = [];
  const snapshots = {
    build: (slug: string, asOf: string) => {
      asked.push(`${slug}@${asOf}`);
      return Promise.resolve(
        makeSnapshot({
          asOf,
          subcontractors: [
            { key: 'host', name: 'Hébergeur' },
            { key: 'new', name: 'Nouveau' },
          ],
          engagements: [{ key: 'e-host', provider: 'host', objectionWindowDays: 30, breachNoticeHours: 24 }],
          subprocessorChanges: [
            {
              key: 'c',
              engagement: 'e-host',
              subprocessor: 'new',
              kind: 'addition',
              noticeReceivedAt: '2026-05-04T09:00:00+02:00',
            },
          ],
          breaches: [{ key: 'b', title: 'Fuite', riskLevel: 'risk', organisationAwareAt: '2026-05-19T10:00:00+02:00' }],
        }),
      );
    },
  } as unknown as SnapshotService; // only build() is used
  return { deadlines: new DeadlinesService(snapshots, new SettableClock(now)), asked };
}

describe('DeadlinesService', () => {
  it('judges a breach timeline now by default, at the end of a day given as YYYY-MM-DD, or at an instant', async () => {
    const { deadlines, asked } = service();
    expect((await deadlines.breachTimeline('test', 'b')).at).toBe('2026-05-20T10:30:00+02:00');
    const day = await deadlines.breachTimeline('test', 'b', '2026-05-22');
    expect(day.at).toBe('2026-05-23T00:00:00+02:00');
    expect(day.steps[0].status).toBe('overdue');
    const instant = await deadlines.breachTimeline('test', 'b', '2026-05-22T10:00:00+02:00');
    expect(instant.steps[0].status).toBe('pending');
    // The snapshot is the one of the Paris day of the instant.
    expect(asked).toEqual(['test@2026-05-20', 'test@2026-05-23', 'test@2026-05-22']);
  });

  it('reads the Paris day of the clock for the snapshot, not the UTC day', async () => {
    const { deadlines, asked } = service('2026-05-20T22:30:00Z');
    await deadlines.breachTimeline('test', 'b');
    await deadlines.objectionWindow('test', 'c');
    await deadlines.engagementDeadlines('test', 'e-host');
    expect(asked).toEqual(['test@2026-05-21', 'test@2026-05-21', 'test@2026-05-21']);
  });

  it('says which record is missing', async () => {
    const { deadlines } = service();
    await expect(deadlines.breachTimeline('test', 'nope')).rejects.toThrow(new NotFoundError('Breach', 'nope'));
    await expect(deadlines.objectionWindow('test', 'nope')).rejects.toThrow(
      new NotFoundError('Sub-processor change', 'nope'),
    );
    await expect(deadlines.engagementDeadlines('test', 'nope')).rejects.toThrow(
      new NotFoundError('Engagement', 'nope'),
    );
  });

  it('gives an objection window on the day asked, or today', async () => {
    const { deadlines, asked } = service();
    expect(await deadlines.objectionWindow('test', 'c')).toMatchObject({ status: 'open', daysLeft: 14 });
    expect(await deadlines.objectionWindow('test', 'c', '2026-06-04')).toMatchObject({ status: 'closed' });
    expect(asked).toEqual(['test@2026-05-20', 'test@2026-06-04']);
  });

  it('gives an engagement’s deadlines, the contract’s first', async () => {
    const { deadlines } = service();
    const all = await deadlines.engagementDeadlines('test', 'e-host');
    expect(all.slice(0, 2).map((d) => [d.kind, d.origin])).toEqual([
      ['breach-notice', 'contract'],
      ['objection-window', 'contract'],
    ]);
  });

  it('builds the calendar as of a day (its end) or now', async () => {
    const { deadlines, asked } = service();
    const now = await deadlines.calendar('test');
    expect(now).toContain('X-WR-CALNAME:Registre — Clinique Test');
    expect(now).toContain('DTSTAMP:20260520T083000Z');
    const day = await deadlines.calendar('test', '2026-05-25');
    expect(day).toContain('DTSTAMP:20260525T220000Z');
    expect(asked).toEqual(['test@2026-05-20', 'test@2026-05-25']);
  });

  it('works on a snapshot already built', async () => {
    const { deadlines } = service();
    const snapshot = await (deadlines as unknown as { snapshots: SnapshotService }).snapshots.build(
      'test',
      '2026-05-20',
    );
    expect(deadlines.events(snapshot).map((e) => e.uid)).toEqual(
      deadlines.events(snapshot, '2026-05-21T00:00:00+02:00').map((e) => e.uid),
    );
    expect(deadlines.events(snapshot, '2026-05-19T09:00:00+02:00').map((e) => e.category)).not.toContain('breach');
    expect(deadlines.timelineOf(snapshot, snapshot.breaches[0], '2026-05-20T12:00:00+02:00').steps[0].due).toBe(
      '2026-05-22T10:00:00+02:00',
    );
    expect(deadlines.windowOf(snapshot, snapshot.subprocessorChanges[0]).windowEndsOn).toBe('2026-06-03');
  });
});
