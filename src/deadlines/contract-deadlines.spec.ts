import type { CreateEngagementDto } from '../subcontractors/engagement.dto';
import { makeSnapshot } from '../compliance/testing';
import { contractDeadlines } from './contract-deadlines';

const deadlinesOf = (e: Partial<CreateEngagementDto>) =>
  contractDeadlines(
    makeSnapshot({
      subcontractors: [{ key: 'host', name: 'Hébergeur' }],
      engagements: [{ key: 'e-host', provider: 'host', ...e }],
    }).engagements[0],
  );

const LAW_KINDS = ['breach-notice', 'objection-window', 'data-subject-request', 'data-return', 'audit-notice'];

describe('contract deadlines', () => {
  it('gives the law’s defaults when the contract is silent', () => {
    const all = deadlinesOf({});
    expect(all.map((d) => d.kind)).toEqual(LAW_KINDS);
    expect(all.every((d) => d.origin === 'law' && !d.nextWorkingDay)).toBe(true);
    expect(all[0]).toMatchObject({ period: null, reference: 'RGPD art. 33(2)' });
    expect(all[2]).toMatchObject({ period: { value: 1, unit: 'months' }, reference: 'RGPD art. 12(3), 28(3)(e)' });
  });

  it('puts the contract’s breach hours first and its objection window after its own deadlines', () => {
    const all = deadlinesOf({
      breachNoticeHours: 48,
      objectionWindowDays: 30,
      source: { document: 'DPA', section: '§14' },
      deadlines: [{ kind: 'audit-notice', period: { value: 30, unit: 'calendar-days' }, description: 'Préavis' }],
    });
    expect(all.map((d) => [d.kind, d.origin])).toEqual([
      ['breach-notice', 'contract'],
      ['audit-notice', 'contract'],
      ['objection-window', 'contract'],
      ['data-subject-request', 'law'],
      ['data-return', 'law'],
    ]);
    expect(all[0]).toEqual({
      kind: 'breach-notice',
      origin: 'contract',
      period: { value: 48, unit: 'hours' },
      nextWorkingDay: false,
      description: 'Notification des violations de données',
      reference: 'DPA §14',
    });
    expect(all[1]).toMatchObject({ period: { value: 30, unit: 'calendar-days' }, reference: 'DPA §14' });
    expect(all[2]).toMatchObject({ period: { value: 30, unit: 'calendar-days' }, reference: 'DPA §14' });
  });

  it('keeps a deadline the contract states over the engagement’s hours or days', () => {
    const all = deadlinesOf({
      breachNoticeHours: 48,
      objectionWindowDays: 30,
      deadlines: [
        { kind: 'breach-notice', description: 'Sans délai', nextWorkingDay: true, source: { document: 'Annexe' } },
        { kind: 'objection-window', period: { value: 15, unit: 'working-days' }, description: 'Opposition' },
      ],
    });
    expect(all.slice(0, 2)).toEqual([
      {
        kind: 'breach-notice',
        origin: 'contract',
        period: null,
        nextWorkingDay: true,
        description: 'Sans délai',
        reference: 'Annexe',
      },
      {
        kind: 'objection-window',
        origin: 'contract',
        period: { value: 15, unit: 'working-days' },
        nextWorkingDay: false,
        description: 'Opposition',
        reference: 'engagement e-host',
      },
    ]);
    expect(all).toHaveLength(5);
  });

  it('counts 0 hours as a contract term', () => {
    expect(
      deadlinesOf({ breachNoticeHours: 0, objectionWindowDays: 0 }).filter((d) => d.origin === 'contract'),
    ).toHaveLength(2);
  });
});
