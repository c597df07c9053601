import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/event-store/built-script';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { SqliteWriterThread } from '../../src/event-store/sqlite/sqlite-writer';
import { WRITER_THREAD_NAME } from '../../src/event-store/sqlite/sqlite-writer.messages';
import { aTempStorePerTest } from '../support/temp-store';
import { describeEventStoreContract, newEvent } from './event-store.contract';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ateliers-store-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeEventStoreContract('SQLite, appends committed on the writer thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ateliers-store-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20, writer: 'thread' });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store: read limits', () => {
  const temp = aTempStorePerTest('ateliers-store-');

  it('takes a whole number as maxCount and refuses anything else (the limit is written into the SQL)', async () => {
    const events = [0, 1, 2].map((i) => newEvent('Noted', { i }, { eventId: `e-${i}` }));
    await temp.store.appendToStream('s-1', events, { expectedRevision: 'no_stream' });
    expect(await temp.store.readStream('s-1', { maxCount: 0 })).toEqual([]);
    expect((await temp.store.readStream('s-1', { maxCount: 2 })).map((e) => e.revision)).toEqual([0, 1]);
    expect((await temp.store.readAll({ maxCount: 1 })).map((e) => e.revision)).toEqual([0]);
    for (const maxCount of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(temp.store.readStream('s-1', { maxCount })).rejects.toThrow(RangeError);
      await expect(temp.store.readAll({ maxCount })).rejects.toThrow(RangeError);
    }
  });
});

describe.each([
  ['inline', 'inline' as const],
  ['on the writer thread', 'thread' as const],
])('SQLite store: what an append stores, committed %s', (_label, writer) => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ateliers-append-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { writer });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the event as it was when the append was asked for, though the caller changes it before the commit', async () => {
    const data = { lines: ['judo'] };
    const appended = store.appendToStream('s', [newEvent('Noted', data, { eventId: 'e-1' })], {
      expectedRevision: 'no_stream',
    });
    data.lines.push('théâtre');
    await appended;
    expect((await store.readStream('s')).map((e) => e.data)).toEqual([{ lines: ['judo'] }]);
  });

  it('refuses an event JSON cannot hold, writing none of its append, and stores the others of the same turn', async () => {
    const refused = store.appendToStream('s', [newEvent('Noted', { ok: 1 }), newEvent('Noted', { n: BigInt(1) })], {
      expectedRevision: 'no_stream',
    });
    const stored = store.appendToStream('t', [newEvent('Noted', { ok: 2 })], { expectedRevision: 'no_stream' });
    await expect(refused).rejects.toThrow(TypeError);
    await expect(stored).resolves.toMatchObject({ nextExpectedRevision: 0 });
    expect(await store.readStream('s')).toEqual([]);
    expect((await store.readAll()).map((e) => e.data)).toEqual([{ ok: 2 }]);
  });

  it('undoes the events of an append refused at its second event, and stores the others of the same turn', async () => {
    await store.appendToStream('elsewhere', [newEvent('Noted', { first: true }, { eventId: 'taken' })], {
      expectedRevision: 'no_stream',
    });
    // its first event is new and written; its second reuses an event id stored in another stream
    const refused = store.appendToStream(
      's',
      [newEvent('Noted', { n: 1 }), newEvent('Noted', { n: 2 }, { eventId: 'taken' })],
      { expectedRevision: 'no_stream' },
    );
    const single = store.appendToStream('t', [newEvent('Noted', { n: 3 })], { expectedRevision: 'no_stream' });
    // SQLite's own error, by its message: in jest's workers `toThrow` does not see better-sqlite3's SqliteError as one
    await expect(refused).rejects.toMatchObject({
      message: expect.stringMatching(/UNIQUE constraint failed: events\.event_id/),
    });
    await expect(single).resolves.toMatchObject({ nextExpectedRevision: 0 });
    expect(await store.readStream('s')).toEqual([]);
    expect((await store.readAll()).map((e) => e.data)).toEqual([{ first: true }, { n: 3 }]);
  });
});

describe('SQLite store: a subscription filtered by event type', () => {
  const temp = aTempStorePerTest('ateliers-store-');

  it('finds a wanted event behind more events of other types than one read looks through', async () => {
    const others = Array.from({ length: 45_000 }, (_, i) => newEvent('Other', { i }));
    await temp.store.appendToStream('s-1', [...others, newEvent('Wanted', { last: true })], {
      expectedRevision: 'no_stream',
    });
    const seen: unknown[] = [];
    const caughtUp: Array<number | undefined> = [];
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const subscription = temp.store.subscribeToAll({
      eventTypes: ['Wanted'],
      onEvent: (event) => void seen.push(event.data),
      onCaughtUp: (position) => {
        caughtUp.push(position);
        resolveDone();
      },
    });
    await done;
    await subscription.stop();
    expect(seen).toEqual([{ last: true }]);
    // caught up once, at the end, not after each window of positions looked through
    expect(caughtUp).toEqual([45_001]);
  });

  it('delivers nothing for an empty list of types, and still catches up through everything stored', async () => {
    await temp.store.appendToStream('s-1', [newEvent('Other', {}), newEvent('Other', {})], {
      expectedRevision: 'no_stream',
    });
    const seen: unknown[] = [];
    const through = await new Promise<number | undefined>((resolve) => {
      const subscription = temp.store.subscribeToAll({
        eventTypes: [],
        onEvent: (event) => void seen.push(event),
        onCaughtUp: (position) => void subscription.stop().then(() => resolve(position)),
      });
    });
    expect(seen).toEqual([]);
    expect(through).toBe(2);
  });
});

/** a module of the built service (\`npm test\` builds it first) */
function builtModule(path: string): string {
  return join(projectRoot(__dirname), 'dist', path);
}

describe('SQLite store: the writer thread', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('refuses the appends it was given when the thread stops, saying their outcome is unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ateliers-writer-'));
    dirs.push(dir);
    // a writer that dies on its first message, as a thread killed mid-commit would
    const dying = join(dir, 'dying-writer.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const writer = new SqliteWriterThread(join(dir, 'events.sqlite'), dying);
    const append = { streamId: 's-1', events: [], expectedRevision: 'any' as const };
    await expect(writer.commit([append])).rejects.toThrow(
      /writer stopped \(exit code 3\): the append may not be stored/,
    );
    // the next append starts a new thread (which dies again here)
    await expect(writer.commit([append])).rejects.toThrow(/writer stopped/);
    await writer.close();
  });

  it('names its thread, so that its CPU time is told apart from V8 and libuv (Linux)', async () => {
    if (process.platform !== 'linux') {
      console.log(`thread names not checked: threads have no name of their own on ${process.platform}`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'ateliers-writer-'));
    dirs.push(dir);
    const threadNames = () =>
      readdirSync('/proc/self/task').map((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim());
    expect(threadNames()).not.toContain(WRITER_THREAD_NAME);
    const store = new SqliteEventStore(join(dir, 'events.sqlite'), { writer: 'thread' });
    await store.appendToStream('s', [newEvent('Noted', {})], { expectedRevision: 'no_stream' });
    // it names itself before its first commit; the checkpointer starts after one, on its own time
    expect(threadNames()).toContain(WRITER_THREAD_NAME);
    await store.close();
  });

  it('closes the file before the process may exit, though an idle writer does not hold the process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ateliers-writer-'));
    dirs.push(dir);
    // a script with nothing else to keep it alive: the writer must finish closing before it exits
    const script = `
      const { SqliteEventStore } = require(${JSON.stringify(builtModule('src/event-store/sqlite/sqlite-event-store.js'))});
      const store = new SqliteEventStore(${JSON.stringify(join(dir, 'events.sqlite'))}, { writer: 'thread' });
      const metadata = (i) => ({ eventId: 'e-' + i, correlationId: 'c', causationId: 'c', actor: 'a', timestamp: 't', schemaVersion: 1 });
      (async () => {
        for (let i = 0; i < 5; i++) {
          await store.appendToStream('s-' + i, [{ type: 'Noted', data: {}, metadata: metadata(i) }], { expectedRevision: 'no_stream' });
        }
        await store.close();
        console.log('closed');
      })();
    `;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
  });
});

describe('SQLite store: reading nothing new without asking SQLite (StreamHeads)', () => {
  let dir: string;
  let ours: SqliteEventStore;
  /** another process on the same file: a staff script, say */
  let theirs: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ateliers-heads-'));
    ours = new SqliteEventStore(join(dir, 'events.sqlite'), { writer: 'thread' });
    theirs = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await ours.close();
    await theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (id: string) => newEvent('Noted', { id }, { eventId: id });
  /** the next turn of the event loop: a read shares its turn's view of the store's head */
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  const sqlReads = (store: SqliteEventStore) => jest.spyOn(store as unknown as { read: () => unknown }, 'read');

  it('answers a read after the revision it appended from what it knows, without a query', async () => {
    await ours.appendToStream('s', [event('a'), event('b')], { expectedRevision: 'no_stream' });
    const reads = sqlReads(ours);
    expect(await ours.readStream('s', { fromRevision: 2 })).toEqual([]);
    expect(reads).not.toHaveBeenCalled();
    expect((await ours.readStream('s', { fromRevision: 1 })).map((e) => e.metadata.eventId)).toEqual(['b']);
  });

  it("sees another process's append to the same stream in its next turn", async () => {
    await ours.appendToStream('s', [event('a')], { expectedRevision: 'no_stream' });
    await nextTurn();
    expect(await ours.readStream('s', { fromRevision: 1 })).toEqual([]);
    await theirs.appendToStream('s', [event('b')], { expectedRevision: 0 });
    await nextTurn();
    expect((await ours.readStream('s', { fromRevision: 1 })).map((e) => e.metadata.eventId)).toEqual(['b']);
  });

  it("sees another process's append made between two of its own", async () => {
    await ours.appendToStream('s', [event('a')], { expectedRevision: 'no_stream' });
    await theirs.appendToStream('s', [event('b')], { expectedRevision: 0 });
    await ours.appendToStream('t', [event('c')], { expectedRevision: 'no_stream' });
    await nextTurn();
    expect((await ours.readStream('s', { fromRevision: 1 })).map((e) => e.metadata.eventId)).toEqual(['b']);
  });

  it("learns nothing of a stream's end from a retried append acknowledged from earlier events", async () => {
    await ours.appendToStream('s', [event('a')], { expectedRevision: 'no_stream' });
    await ours.appendToStream('s', [event('b')], { expectedRevision: 0 });
    // a store that knows nothing of 's' yet, given the first append again (a retried command)
    await expect(theirs.appendToStream('s', [event('a')], { expectedRevision: 'no_stream' })).resolves.toMatchObject({
      nextExpectedRevision: 0,
    });
    expect((await theirs.readStream('s', { fromRevision: 1 })).map((e) => e.metadata.eventId)).toEqual(['b']);
  });
});
