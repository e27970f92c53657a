import { DataSource, QueryRunner } from 'typeorm';
import { syntheticBundle } from '../src/bench/synthetic';
import { startApi, TestApi } from './helpers';

describe('snapshot build', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
    for (const size of [20, 300]) {
      await api.http().post('/api/import').send(syntheticBundle(size)).expect(201);
    }
  });
  afterAll(async () => api.close());

  it('takes the same number of queries whatever the size of the register (no N+1)', async () => {
    // Every query goes through the engine's query runner class, whichever runner instance runs it.
    const runner = api.app.get(DataSource).createQueryRunner();
    const runnerClass = Object.getPrototypeOf(runner) as QueryRunner;
    await runner.release();
    const spy = jest.spyOn(runnerClass, 'query');
    const count = async (slug: string) => {
      spy.mockClear();
      const res = await api.http().get(`/api/organisations/${slug}/findings?asOf=2026-06-01`).expect(200);
      expect(res.body.findings.length).toBeGreaterThan(0);
      return spy.mock.calls.length;
    };
    const small = await count('synthetic-20');
    const large = await count('synthetic-300');
    spy.mockRestore();
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(15);
  });
});
