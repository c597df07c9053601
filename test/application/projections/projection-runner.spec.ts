import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner } from '../../../src/application/projections/projection-runner';
import { toNewEvents } from '../../../src/application/shared/handle-command';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { ReadDatabase } from '../../../src/projections/read-database';
import { tagCountProjection, tagCounts } from '../../support/counter.fixtures';

const ctx = () => ({ commandId: randomUUID(), correlationId: 'c', causationId: 'c', actor: 'test', now: new Date(0) });
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'TagAdded', data: { tag: `t${i}` } }));

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
});
