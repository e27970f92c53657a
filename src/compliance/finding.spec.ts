import { findingId, SEVERITIES } from './finding';

describe('findingId', () => {
  it('joins rule, subject type and key, and the detail when there is one', () => {
    const subject = { type: 'engagement' as const, id: 'e-host', name: 'Hébergeur' };
    expect(findingId({ ruleId: 'dpa.missing', subject })).toBe('dpa.missing:engagement:e-host');
    expect(findingId({ ruleId: 'transfer.safeguard-missing', subject, detail: 'US' })).toBe(
      'transfer.safeguard-missing:engagement:e-host:US',
    );
    expect(findingId({ ruleId: 'dpa.missing', subject, detail: '' })).toBe('dpa.missing:engagement:e-host');
  });

  it('lists the severities from the most severe', () => {
    expect(SEVERITIES).toEqual(['error', 'warning', 'info']);
  });
});
