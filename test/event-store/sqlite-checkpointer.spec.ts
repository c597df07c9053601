import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openEventsDatabase } from '../../src/event-store/sqlite/sqlite-appender';
import { WalCheckpointer } from '../../src/event-store/sqlite/sqlite-checkpointer';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { newEvent } from './event-store.contract';

const MB = 1024 * 1024;

describe("SQLite store: the write-ahead log is copied into the file by the checkpointer's thread", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ateliers-checkpoint-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** the store's file: only the schema's pages until a checkpoint copies the log into it */
  const fileSize = (filename: string) => statSync(filename).size;

  it('copies what the writer committed into the file when the writer says it committed', async () => {
    const filename = join(dir, 'events.sqlite');
    const db = openEventsDatabase(filename);
    // this connection leaves the log to the checkpointer, as the writer thread does
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`s-${i}`, 0, `e-${i}`, 'Noted', 'x'.repeat(2_000), '{}');
    })();
    const before = fileSize(filename);
    const checkpointer = new WalCheckpointer(filename);
    checkpointer.committed();
    for (let i = 0; i < 200 && fileSize(filename) < before + MB; i++) await sleep(25);
    expect(fileSize(filename)).toBeGreaterThan(before + MB);
    await checkpointer.close();
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 500 });
    db.close();
  });

  it('keeps the log small while the writer thread commits far more than its own checkpoints would allow', async () => {
    const store = new SqliteEventStore(join(dir, 'events.sqlite'), { writer: 'thread' });
    const data = { note: 'x'.repeat(4_000) };
    // 40 commits of 100 appends: about 20 MB written, where the writer's connection would let
    // the log reach 16 MB before copying it itself
    for (let batch = 0; batch < 40; batch++) {
      const appends = Array.from({ length: 100 }, (_, i) =>
        store.appendToStream(`s-${batch}-${i}`, [newEvent('Noted', data)], { expectedRevision: 'no_stream' }),
      );
      await Promise.all(appends);
      // a pause between waves of orders, in which SQLite may write the log again from its start
      await sleep(20);
    }
    expect(statSync(join(dir, 'events.sqlite-wal')).size).toBeLessThan(8 * MB);
    expect(fileSize(join(dir, 'events.sqlite'))).toBeGreaterThan(12 * MB);
    expect(await store.readAll()).toHaveLength(4_000);
    await store.close();
  });

  it('leaves the writer to copy the log itself once its thread has stopped, and still closes', async () => {
    const filename = join(dir, 'events.sqlite');
    openEventsDatabase(filename).close();
    const dying = join(dir, 'dying-checkpointer.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const checkpointer = new WalCheckpointer(filename, dying, 0);
    const internals = checkpointer as unknown as { spawn: () => unknown; stopped: boolean };
    const spawned = jest.spyOn(internals, 'spawn');
    checkpointer.committed();
    for (let i = 0; i < 400 && !internals.stopped; i++) await sleep(25);
    expect(internals.stopped).toBe(true);
    // not started again: the writer's automatic checkpoint takes over
    checkpointer.committed();
    checkpointer.committed();
    expect(spawned).toHaveBeenCalledTimes(1);
    await expect(checkpointer.close()).resolves.toBeUndefined();
  });
});
