import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { OrganisationEntity } from '../../src/organisations/organisation.entity';
import { ENGINE, ORG, selectRows, startApi, tempDatabase } from '../helpers';

/**
 * Issue 11, defect 1, its root on SQLite: every request shared one query runner, so a request arriving
 * while another request's transaction was waiting (on a timer, a hash, a network call) ran inside that
 * transaction as a savepoint — and when that transaction failed, its ROLLBACK took the other request's
 * write with it, already answered 201. Every write answered 2xx must be committed: seen by a second
 * connection, and still there after a restart.
 */
describe(`writes answered 2xx are committed, whatever runs beside them (${ENGINE})`, () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());
  const base = `/api/organisations/${ORG.slug}`;

  it('does not let a failing transaction that waits take concurrent requests down with it', async () => {
    let api = await startApi({ path: db.path });
    const keys = Array.from({ length: 10 }, (_, i) => `sous-traitant-${i}`);
    try {
      await api.http().post('/api/organisations').send(ORG).expect(201);
      const dataSource = api.app.get(DataSource);
      const failing = dataSource.transaction(async (manager) => {
        await manager.update(OrganisationEntity, { slug: ORG.slug }, { notes: 'never committed' });
        await sleep(300); // the requests below arrive meanwhile
        throw new Error('this transaction fails after waiting');
      });
      const outcome = failing.then(
        () => 'committed',
        (e: Error) => e.message,
      );
      await sleep(50);
      const statuses = await Promise.all(
        keys.map(async (key) => (await api.http().post(`${base}/subcontractors`).send({ key, name: key })).status),
      );
      expect(await outcome).toBe('this transaction fails after waiting');
      expect(statuses).toEqual(keys.map(() => 201));
    } finally {
      await api.close();
    }
    const committed = await selectRows<{ key: string }>(db.path, 'SELECT key FROM subcontractors');
    expect(committed.map((r) => r.key).sort()).toEqual([...keys].sort());
    const [org] = await selectRows<{ notes: string | null }>(db.path, 'SELECT notes FROM organisations');
    expect(org.notes).toBeNull();
    api = await startApi({ path: db.path });
    try {
      const listed = (await api.http().get(`${base}/subcontractors`).expect(200)).body as { key: string }[];
      expect(listed.map((s) => s.key).sort()).toEqual([...keys].sort());
    } finally {
      await api.close();
    }
  });
});
