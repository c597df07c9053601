import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner } from '../../../src/application/projections/projection-runner';
import { toNewEvents } from '../../../src/application/shared/handle-command';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { Projection, ProjectionSchema, setupSchema } from '../../../src/projections/projection';
import { ReadDatabase } from '../../../src/projections/read-database';
import { tagCountProjection, tagCounts } from '../../support/counter.fixtures';

const ctx = () => ({ commandId: randomUUID(), correlationId: 'c', causationId: 'c', actor: 'test', now: new Date(0) });
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'TagAdded', data: { tag: `t${i}` } }));

const INDEX = 'tag_log_by_stream';
const indexExists = (db: Database.Database) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(INDEX) !== undefined;

/** A projection with an index only its queries search; it notes whether that index existed at each event. */
function tagLogProjection(version = 1): { projection: Projection; indexed: boolean[] } {
  const indexed: boolean[] = [];
  const schema: ProjectionSchema = {
    tables:
      'CREATE TABLE IF NOT EXISTS tag_log (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, tag TEXT NOT NULL)',
    indexes: [`CREATE INDEX IF NOT EXISTS ${INDEX} ON tag_log (stream_id, position)`],
  };
  const projection: Projection = {
    name: 'tag-log',
    version,
    tables: ['tag_log'],
    schema,
    setup: setupSchema(schema),
    handles: new Set(['TagAdded']),
    apply: (db, event: RecordedEvent) => {
      indexed.push(indexExists(db));
      db.prepare('INSERT INTO tag_log (position, stream_id, tag) VALUES (?, ?, ?)').run(
        event.position,
        event.streamId,
        (event.data as { tag: string }).tag,
      );
    },
  };
  return { projection, indexed };
}

const tagLog = (db: Database.Database) =>
  db
    .prepare<[], { stream_id: string; tags: number }>(
      `SELECT stream_id, count(*) AS tags FROM tag_log INDEXED BY ${INDEX} GROUP BY stream_id ORDER BY stream_id`,
    )
    .all();

describe('ProjectionRunner', () => {
  let dir: string;
  let store: SqliteEventStore;
  let read: ReadDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ateliers-proj-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
    read = new ReadDatabase(join(dir, 'read.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    read.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (stream: string, n: number) =>
    store.appendToStream(stream, toNewEvents(stream, tags(n), ctx()), { expectedRevision: 'any' });

  it('catches up at start, follows live events, and lets a writer wait for its position', async () => {
    await append('a', 3);
    const runner = new ProjectionRunner(store, read, [tagCountProjection()]);
    await runner.start();
    expect(tagCounts(read.db)).toEqual({ a: 3 });
    const { position } = await append('b', 2);
    await runner.waitFor(position);
    expect(tagCounts(read.db)).toEqual({ a: 3, b: 2 });
    await runner.stop();
  });

  it('keeps the checkpoint with the read model, and resumes after a restart without counting twice', async () => {
    await append('a', 5);
    const first = new ProjectionRunner(store, read, [tagCountProjection()]);
    await first.start();
    await first.stop();
    const { position } = await append('a', 2);
    const second = new ProjectionRunner(store, read, [tagCountProjection()]);
    await second.start();
    await second.waitFor(position);
    expect(tagCounts(read.db)).toEqual({ a: 7 });
    const checkpoint = read.db
      .prepare<[], { position: number }>("SELECT position FROM projection_checkpoints WHERE name = 'tag-count'")
      .get();
    expect(checkpoint?.position).toBe(position);
    await second.stop();
  });

  it('rebuilds from zero to the same read model as the live one', async () => {
    const runner = new ProjectionRunner(store, read, [tagCountProjection()]);
    await runner.start();
    let last = 0;
    for (let i = 0; i < 20; i++) last = (await append(`s${i % 4}`, 1 + (i % 3))).position;
    await runner.waitFor(last);
    const live = tagCounts(read.db);
    await runner.stop();
    const rebuilt = await new ProjectionRunner(store, read, [tagCountProjection()]).rebuild();
    expect(rebuilt).toBe(last);
    expect(tagCounts(read.db)).toEqual(live);
  });

  it('rebuilds a projection whose version changed', async () => {
    await append('a', 2);
    const v1 = new ProjectionRunner(store, read, [tagCountProjection(1)]);
    await v1.start();
    await v1.stop();
    read.db.exec('UPDATE tag_count SET tags = 99');
    const v2 = new ProjectionRunner(store, read, [tagCountProjection(2)]);
    await v2.start();
    expect(tagCounts(read.db)).toEqual({ a: 2 });
    await v2.stop();
  });

  describe('the indexes only the queries search', () => {
    it('are created once caught up on a fresh start, and are there for live events', async () => {
      await append('a', 3);
      const { projection, indexed } = tagLogProjection();
      const runner = new ProjectionRunner(store, read, [projection]);
      await runner.start();
      expect(indexed).toEqual([false, false, false]);
      expect(indexExists(read.db)).toBe(true);
      const { position } = await append('b', 2);
      await runner.waitFor(position);
      expect(indexed.slice(3)).toEqual([true, true]);
      expect(tagLog(read.db)).toEqual([
        { stream_id: 'a', tags: 3 },
        { stream_id: 'b', tags: 2 },
      ]);
      await runner.stop();
    });

    it('are dropped with the tables on a rebuild, and created again once rebuilt', async () => {
      await append('a', 2);
      const first = tagLogProjection();
      const live = new ProjectionRunner(store, read, [first.projection]);
      await live.start();
      await live.stop();
      await append('b', 1);
      const second = tagLogProjection();
      expect(await new ProjectionRunner(store, read, [second.projection]).rebuild()).toBe(3);
      expect(second.indexed).toEqual([false, false, false]);
      expect(indexExists(read.db)).toBe(true);
      expect(tagLog(read.db)).toEqual([
        { stream_id: 'a', tags: 2 },
        { stream_id: 'b', tags: 1 },
      ]);
    });

    it('are rebuilt with the tables of a projection whose version changed', async () => {
      await append('a', 2);
      const v1 = new ProjectionRunner(store, read, [tagLogProjection(1).projection]);
      await v1.start();
      await v1.stop();
      read.db.exec("UPDATE tag_log SET stream_id = 'stale'");
      const v2 = tagLogProjection(2);
      const runner = new ProjectionRunner(store, read, [v2.projection]);
      await runner.start();
      expect(v2.indexed).toEqual([false, false]);
      expect(indexExists(read.db)).toBe(true);
      expect(tagLog(read.db)).toEqual([{ stream_id: 'a', tags: 2 }]);
      await runner.stop();
    });

    it('are kept by a database that has them, which catches up with them', async () => {
      await append('a', 1);
      const first = new ProjectionRunner(store, read, [tagLogProjection().projection]);
      await first.start();
      await first.stop();
      await append('a', 2);
      const { projection, indexed } = tagLogProjection();
      const second = new ProjectionRunner(store, read, [projection]);
      await second.start();
      expect(indexed).toEqual([true, true]);
      expect(tagLog(read.db)).toEqual([{ stream_id: 'a', tags: 3 }]);
      await second.stop();
    });
  });

  describe('live batches held until someone waits or maxDelayMs passes', () => {
    /** a runner following live events that holds them up to `maxDelayMs` */
    const started = async (maxDelayMs: number) => {
      const runner = new ProjectionRunner(store, read, [tagCountProjection()], { maxDelayMs });
      await runner.start();
      return runner;
    };
    /** resolves with the next position the runner reports */
    const nextAdvance = (runner: ProjectionRunner) =>
      new Promise<number>((resolve) => {
        const off = runner.onAdvanced((position) => (off(), resolve(position)));
      });

    it('writes the appends nobody waits for together, once the first is maxDelayMs old', async () => {
      const runner = await started(3000);
      const advanced: number[] = [];
      runner.onAdvanced((position) => advanced.push(position));
      const written = nextAdvance(runner);
      await append('a', 1);
      await append('b', 2);
      const { position } = await append('c', 1);
      // three group commits, read as they come, none written yet
      expect(runner.checkpoint).toBe(0);
      expect(tagCounts(read.db)).toEqual({});
      expect(await written).toBe(position);
      expect(advanced).toEqual([position]);
      expect(tagCounts(read.db)).toEqual({ a: 1, b: 2, c: 1 });
      await runner.stop();
    });

    it('writes them at once for a caller waiting for their position, not after the delay', async () => {
      const runner = await started(60_000);
      await append('a', 2);
      const { position } = await append('b', 1);
      // the test's own time limit is far shorter than the delay
      await runner.waitFor(position);
      expect(runner.checkpoint).toBe(position);
      expect(tagCounts(read.db)).toEqual({ a: 2, b: 1 });
      await runner.stop();
    });

    it('writes them at once when told a position is wanted elsewhere (another thread, a cluster worker)', async () => {
      const runner = await started(60_000);
      const written = nextAdvance(runner);
      const { position } = await append('a', 3);
      runner.want(position);
      expect(await written).toBe(position);
      expect(tagCounts(read.db)).toEqual({ a: 3 });
      await runner.stop();
    });

    it('loses nothing and counts nothing twice when stopped with events pending', async () => {
      const held = await started(60_000);
      await append('a', 2);
      const { position } = await append('a', 3);
      await held.stop();
      const next = new ProjectionRunner(store, read, [tagCountProjection()]);
      await next.start();
      expect(next.checkpoint).toBe(position);
      expect(tagCounts(read.db)).toEqual({ a: 5 });
      await next.stop();
    });
  });

  it('catches up in fewer transactions than live batches, then leaves the log checkpointed as before', async () => {
    const { position } = await append('a', 12_000);
    const advanced: number[] = [];
    const autocheckpoint = read.db.pragma('wal_autocheckpoint', { simple: true });
    const runner = new ProjectionRunner(store, read, [tagCountProjection()]);
    runner.onAdvanced((p) => advanced.push(p));
    await runner.start();
    expect(advanced).toEqual([position]);
    expect(tagCounts(read.db)).toEqual({ a: 12_000 });
    expect(read.db.pragma('wal_autocheckpoint', { simple: true })).toBe(autocheckpoint);
    await runner.stop();
  });
});
