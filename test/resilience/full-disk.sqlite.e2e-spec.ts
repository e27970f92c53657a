import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { ORG, selectRows, startApi, tempDatabase, TestApi } from '../helpers';

/**
 * Issue 11, defect 1: on a full disk SQLite rolled a transaction back itself; the ROLLBACK that followed
 * failed, its error was swallowed, and the shared query runner stayed "in a transaction": after the next
 * failure every write answered 201, was read back by the API, and was never committed (gone after a
 * restart). `PRAGMA max_page_count` makes the file full at a chosen size, deterministically (SQLite then
 * rolls the whole transaction back, as on a real full disk); a trigger that aborts one statement stands
 * for a failure SQLite undoes alone, leaving the transaction open. Checked by hand on a real 1 MB tmpfs
 * too: before the fix 118 writes answered 201 and 19 were committed; after it 19 answered 201 and were
 * committed, the rest 507.
 */
describe('a full disk (SQLite)', () => {
  const base = `/api/organisations/${ORG.slug}`;
  const writer = (api: TestApi) =>
    (api.app.get(DataSource).driver as BetterSqlite3Driver).databaseConnection as Database;
  const fill = (api: TestApi, margin: number) =>
    writer(api).pragma(`max_page_count = ${(writer(api).pragma('page_count', { simple: true }) as number) + margin}`);
  const free = (api: TestApi) => writer(api).pragma('max_page_count = 1073741823');

  /** Writes through the API and remembers what was acknowledged. */
  function writes(api: () => TestApi) {
    const acknowledged: string[] = [];
    const refused: { key: string; status: number; code: string }[] = [];
    const write = async (key: string) => {
      const res = await api()
        .http()
        .post(`${base}/subcontractors`)
        .send({ key, name: `Sous-traitant ${key}`, description: 'données '.repeat(400) });
      if (res.status === 201) acknowledged.push(key);
      else refused.push({ key, status: res.status, code: String(res.body.code) });
      return res.status;
    };
    return { acknowledged, refused, write };
  }

  /** What a second connection sees, then what the application finds after a restart. */
  async function expectCommitted(path: string, acknowledged: string[]) {
    const committed = await selectRows<{ key: string }>(path, 'SELECT key FROM subcontractors');
    expect(committed.map((r) => r.key).sort()).toEqual([...acknowledged].sort());
    const api = await startApi({ path });
    try {
      const listed = (await api.http().get(`${base}/subcontractors`).expect(200)).body as { key: string }[];
      expect(listed.map((s) => s.key).sort()).toEqual([...acknowledged].sort());
    } finally {
      await api.close();
    }
  }

  it('answers 507 storage_full while full, then takes writes again, every 201 committed', async () => {
    const db = tempDatabase();
    const api = await startApi({ path: db.path });
    const w = writes(() => api);
    try {
      await api.http().post('/api/organisations').send(ORG).expect(201);
      fill(api, 12);
      for (let i = 0; i < 15; i++) await w.write(`plein-${i}`);
      free(api);
      for (let i = 0; i < 15; i++) await w.write(`libre-${i}`);
      const listed = (await api.http().get(`${base}/subcontractors`).expect(200)).body as { key: string }[];
      expect(listed.map((s) => s.key).sort()).toEqual([...w.acknowledged].sort());
    } finally {
      await api.close();
    }
    await expectCommitted(db.path, w.acknowledged);
    expect(w.refused.length).toBeGreaterThanOrEqual(2); // the file did fill
    expect(w.refused.every((r) => r.status === 507 && r.code === 'storage_full')).toBe(true);
    expect(w.acknowledged.filter((k) => k.startsWith('libre-'))).toHaveLength(15);
    db.cleanup();
  });

  it('loses no 201 after a full disk ended a transaction and a later statement failed alone', async () => {
    const db = tempDatabase();
    const api = await startApi({ path: db.path });
    const w = writes(() => api);
    try {
      await api.http().post('/api/organisations').send(ORG).expect(201);
      writer(api).exec(`CREATE TRIGGER refused_alone BEFORE INSERT ON subcontractors WHEN NEW.key = 'refuse'
        BEGIN SELECT RAISE(ABORT, 'this statement fails, the transaction goes on'); END`);
      // No free page left inside the file (writes that rewrite a row, such as the organisation's
      // revision, leave some): the next write must grow it, and cannot.
      writer(api).exec('VACUUM');
      fill(api, 0);
      await w.write('plein'); // SQLite rolls the whole transaction back: the ROLLBACK after it fails
      free(api);
      await w.write('refuse'); // SQLite undoes this one statement only; the transaction stays open
      for (let i = 0; i < 10; i++) await w.write(`apres-${i}`);
    } finally {
      await api.close();
    }
    await expectCommitted(db.path, w.acknowledged);
    expect(w.acknowledged).toEqual(Array.from({ length: 10 }, (_, i) => `apres-${i}`));
    expect(w.refused.find((r) => r.key === 'plein')).toMatchObject({ status: 507, code: 'storage_full' });
    expect(w.refused.find((r) => r.key === 'refuse')?.status).toBeGreaterThanOrEqual(400);
    db.cleanup();
  });
});
