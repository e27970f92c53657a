/*
 * Figures of the answers path (issue 15): snapshot build beside the raw read of the same rows in the
 * same queries, evaluation, the longest event-loop stall of one cold findings request, a warm
 * (cached) request, and the import of a new organisation beside the bare driver inserting the same
 * rows. Printed by `npm run bench`, never asserted.
 */
import type { INestApplicationContext } from '@nestjs/common';
import Database from 'better-sqlite3';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DataSource, QueryRunner } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { evaluate, evaluateInSlices } from '../compliance/engine';
import { SnapshotService } from '../snapshot/snapshot.service';

export interface AnswerFigures {
  snapshotMs: number;
  snapshotFloorMs: number;
  snapshotQueries: number;
  evaluateMs: number;
  evaluateSlicedMs: number;
  coldMs: number;
  coldMaxStallMs: number;
  warmMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of `runs` timings of `work`. */
async function time(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function measureAnswers(app: INestApplicationContext, slug: string): Promise<AnswerFigures> {
  const asOf = '2026-06-01';
  const snapshots = app.get(SnapshotService);
  const dataSource = app.get(DataSource);

  // The queries one snapshot build issues, recorded, then replayed raw: the floor.
  const runner = dataSource.createQueryRunner();
  const runnerClass = Object.getPrototypeOf(runner) as QueryRunner;
  await runner.release();
  const recorded: [string, unknown[] | undefined][] = [];
  const proto = runnerClass as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    recorded.push([args[0] as string, args[1] as unknown[] | undefined]);
    return query.apply(this, args);
  };
  try {
    await snapshots.build(slug, asOf);
  } finally {
    proto.query = query;
  }

  const snapshotMs = await time(5, () => snapshots.build(slug, asOf));
  const snapshotFloorMs = await time(5, async () => {
    for (const [sql, params] of recorded) await dataSource.query(sql, params);
  });

  const snapshot = await snapshots.build(slug, asOf);
  const evaluateMs = await time(5, () => evaluate(snapshot));
  const evaluateSlicedMs = await time(5, () => evaluateInSlices(snapshot));

  // One cold findings request (revision, snapshot, evaluation, JSON) while the event loop is watched.
  const compliance = app.get(ComplianceService);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t = performance.now();
  // As the API answers a browser: the flat view, brotli-compressed (bytes made in slices, then encoded).
  const answer = await compliance.check(slug, { asOf: '2026-06-02' });
  await answer.body('findings', 'br');
  const coldMs = performance.now() - t;
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();

  const warmMs = await time(21, async () =>
    (await compliance.check(slug, { asOf: '2026-06-02' })).body('findings', 'br'),
  );
  return {
    snapshotMs,
    snapshotFloorMs,
    snapshotQueries: recorded.length,
    evaluateMs,
    evaluateSlicedMs,
    coldMs,
    coldMaxStallMs: histogram.max / 1e6,
    warmMs,
  };
}

/**
 * The bare-driver floor of an import: the rows the import wrote for the organisation (records, their
 * links, audit rows, the organisation), read back, then inserted into an empty copy of the schema
 * with better-sqlite3 prepared statements in one transaction. Returns the insert time.
 */
export function sqliteInsertFloorMs(source: string, emptyCopy: string, slug: string): number {
  const from = new Database(source, { readonly: true });
  const to = new Database(emptyCopy);
  try {
    const org = from.prepare('SELECT * FROM organisations WHERE slug = ?').get(slug) as Record<string, unknown>;
    const tables = (
      from
        .prepare(
          "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'organisation_id')",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const batches: { table: string; rows: Record<string, unknown>[] }[] = [{ table: 'organisations', rows: [org] }];
    for (const table of tables) {
      batches.push({
        table,
        rows: from.prepare(`SELECT * FROM "${table}" WHERE organisation_id = ?`).all(org.id) as never,
      });
    }
    batches.push({
      table: 'treatment_uses',
      rows: from
        .prepare(
          'SELECT u.* FROM treatment_uses u JOIN treatments t ON t.id = u.treatment_id WHERE t.organisation_id = ?',
        )
        .all(org.id) as never,
    });
    // Parents first: the order the schema's foreign keys need.
    const order = ['organisations', 'subcontractors', 'certificates', 'engagements', 'treatments', 'treatment_uses'];
    batches.sort((a, b) => rank(order, a.table) - rank(order, b.table));
    const t = performance.now();
    to.transaction(() => {
      for (const { table, rows } of batches) {
        if (!rows.length) continue;
        const columns = Object.keys(rows[0]);
        const insert = to.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows) insert.run(...columns.map((c) => row[c] as never));
      }
    })();
    return performance.now() - t;
  } finally {
    from.close();
    to.close();
  }
}

function rank(order: string[], table: string): number {
  const i = order.indexOf(table);
  return i < 0 ? order.length : i;
}
