import type { Engagement } from '../../snapshot/snapshot';
import { contractRecorded } from './contract-facts';

const bare: Engagement = { key: 'e', provider: 'p' };

describe('contractRecorded', () => {
  it('is false when nothing of the contract is on file', () => {
    expect(contractRecorded(bare)).toBe(false);
    expect(contractRecorded({ ...bare, dpaReference: '', breachNoticeHours: 24 })).toBe(false);
  });

  it.each([
    ['a signature date', { dpaSignedOn: '2024-01-01' }],
    ['a reference', { dpaReference: 'DPA-1' }],
    ['a version', { dpaVersion: '3' }],
    ['a version date', { dpaVersionDate: '2024-02-01' }],
  ])('is true with %s alone', (_what, fields: Partial<Engagement>) => {
    expect(contractRecorded({ ...bare, ...fields })).toBe(true);
  });
});
