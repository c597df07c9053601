import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoldedStreams, foldStream } from '../../../src/application/shared/folded-streams';
import { handleCommand, toNewEvents } from '../../../src/application/shared/handle-command';
import { Decider, fold } from '../../../src/domain/shared/decider';
import { Conflict } from '../../../src/domain/shared/errors';
import {
  EventStore,
  ExpectedRevision,
  ReadStreamOptions,
  RecordedEvent,
} from '../../../src/event-store/event-store.port';
import { familyStream } from '../../../src/domain/family/family.decider';
import { bookingStream } from '../../../src/domain/order/booking.decider';
import { programStream } from '../../../src/domain/program/program.decider';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { DelegatingEventStore } from '../../../src/event-store/delegating-event-store';
import {
  ActivityName,
  addLine,
  aKey,
  DURING_PRIORITY,
  Family,
  placeOrder,
  primairesProgram,
  Program,
  validatedFamily,
} from '../../support/booking.seeding';
import { TagCommand, tagDecider, TagEvent, TagState } from '../../support/counter.fixtures';
import { startTestApp, TestApp } from '../../support/test-app';
import { aCommandContext } from '../../support/command-context';

const context = aCommandContext;

interface StreamRead {
  streamId: string;
  fromRevision: number | undefined;
  events: number;
}

/** The SQLite store, with every readStream written down: which stream, from where, how many events. */
class CountingStore extends DelegatingEventStore {
  readonly reads: StreamRead[] = [];
  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    this.reads.push({ streamId, fromRevision: options?.fromRevision, events: events.length });
    return events;
  }
}

/** Another decider over the same events: how many tags, not which. */
const countDecider: Decider<never, TagEvent, number> = {
  initialState: 0,
  decide: () => [],
  evolve: (count) => count + 1,
};

/** Appends a tag whatever the state: a retried command decides the very same events again. */
const appendTagDecider: Decider<TagCommand, TagEvent, TagState> = {
  ...tagDecider,
  decide: (command) => [{ type: 'TagAdded', data: { tag: command.tag } }],
};

describe('FoldedStreams', () => {
  let dir: string;
  let sqlite: SqliteEventStore;
  let store: CountingStore;
  let streams: FoldedStreams;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ateliers-folded-'));
    sqlite = new SqliteEventStore(join(dir, 'events.sqlite'));
    store = new CountingStore(sqlite);
    streams = new FoldedStreams(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const aStream = () => `tags-${randomUUID()}`;
  const addTag = (stream: string, tag: string) =>
    handleCommand(store, stream, tagDecider, { type: 'AddTag', tag }, context(), { streams });
  const appendDirectly = (to: EventStore, stream: string, tags: string[], expectedRevision: ExpectedRevision) =>
    to.appendToStream(
      stream,
      toNewEvents(
        stream,
        tags.map((tag) => ({ type: 'TagAdded', data: { tag } })),
        context(),
      ),
      { expectedRevision },
    );
  const readsOf = (stream: string) => store.reads.filter((read) => read.streamId === stream);
  const tagsIn = async (stream: string) => fold(tagDecider, (await sqlite.readStream(stream)) as unknown as TagEvent[]);

  describe('load', () => {
    it('reads the whole stream once, then only the events appended since', async () => {
      const stream = aStream();
      await appendDirectly(store, stream, ['a', 'b'], 'no_stream');
      expect(await streams.load(stream, tagDecider)).toEqual({ state: { tags: ['a', 'b'] }, revision: 1 });
      await appendDirectly(store, stream, ['c'], 1);
      expect(await streams.load(stream, tagDecider)).toEqual({ state: { tags: ['a', 'b', 'c'] }, revision: 2 });
      expect(await streams.load(stream, tagDecider)).toEqual({ state: { tags: ['a', 'b', 'c'] }, revision: 2 });
      expect(readsOf(stream)).toEqual([
        { streamId: stream, fromRevision: 0, events: 2 },
        { streamId: stream, fromRevision: 2, events: 1 },
        { streamId: stream, fromRevision: 3, events: 0 },
      ]);
    });

    it('sees what another process appended, through its own connection to the store', async () => {
      const stream = aStream();
      await addTag(stream, 'a');
      const other = new SqliteEventStore(join(dir, 'events.sqlite'));
      await appendDirectly(other, stream, ['b'], 0);
      await other.close();
      expect((await streams.load(stream, tagDecider)).state.tags).toEqual(['a', 'b']);
      await expect(addTag(stream, 'b')).rejects.toBeInstanceOf(Conflict);
    });

    it('gives a stream with no event the initial state, and keeps nothing for it', async () => {
      const stream = aStream();
      expect(await streams.load(stream, tagDecider)).toEqual({ state: { tags: [] }, revision: 'no_stream' });
      expect(streams.size).toBe(0);
    });

    it('keeps a state per decider: a state folded by one never reaches another', async () => {
      const stream = aStream();
      await appendDirectly(store, stream, ['a', 'b'], 'no_stream');
      expect((await streams.load(stream, tagDecider)).state).toEqual({ tags: ['a', 'b'] });
      expect((await streams.load(stream, countDecider)).state).toBe(2);
      await appendDirectly(store, stream, ['c'], 1);
      expect((await streams.load(stream, countDecider)).state).toBe(3);
      expect((await streams.load(stream, tagDecider)).state).toEqual({ tags: ['a', 'b', 'c'] });
    });
  });

  describe('with handleCommand', () => {
    it('keeps the state it wrote: the next command reads no event again', async () => {
      const stream = aStream();
      await addTag(stream, 'a');
      await addTag(stream, 'b');
      const result = await addTag(stream, 'c');
      expect(result.state).toEqual({ tags: ['a', 'b', 'c'] });
      expect(readsOf(stream).map((read) => read.events)).toEqual([0, 0, 0]);
      expect(await streams.load(stream, tagDecider)).toEqual({ state: await tagsIn(stream), revision: 2 });
    });

    it('decides on the state handed in without reading, and reads again when the stream moved on since', async () => {
      const stream = aStream();
      await addTag(stream, 'a');
      const folded = await streams.load(stream, tagDecider);
      const readsBefore = readsOf(stream).length;
      await handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: 'b' }, context(), { streams, folded });
      expect(readsOf(stream)).toHaveLength(readsBefore);

      const stale = await streams.load(stream, tagDecider);
      await appendDirectly(store, stream, ['c'], stale.revision);
      const refused = handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: 'c' }, context(), {
        streams,
        folded: stale,
      });
      await expect(refused).rejects.toBeInstanceOf(Conflict);
      expect(await tagsIn(stream)).toEqual({ tags: ['a', 'b', 'c'] });
    });

    describe('given many concurrent commands on one stream', () => {
      it('decides each again on fresh state after a conflict, so the stream rule holds', async () => {
        const stream = aStream();
        await addTag(stream, 'first');
        const folded = await streams.load(stream, tagDecider);
        const attempts = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: i % 2 ? 'odd' : 'even' }, context(), {
              streams,
              // half of them decide first on the state read before any of them wrote
              ...(i < 6 && { folded }),
            }),
          ),
        );
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
        expect(attempts.filter((a) => a.status === 'rejected').map((a) => a.reason)).toEqual(
          Array(10).fill(expect.any(Conflict)),
        );
        expect((await tagsIn(stream)).tags.sort()).toEqual(['even', 'first', 'odd']);
        expect((await streams.load(stream, tagDecider)).state.tags.sort()).toEqual(['even', 'first', 'odd']);
      });
    });

    it('keeps nothing from an append the store acknowledges as the retry of events stored before', async () => {
      const stream = aStream();
      const commandId = randomUUID();
      const append = { type: 'AddTag', tag: 'a' } as const;
      await handleCommand(store, stream, appendTagDecider, append, context(commandId));
      await appendDirectly(store, stream, ['b'], 0);
      // the same command again, in a process that kept nothing yet: the same event ids, stored at revision 0
      const folded = await foldStream(store, stream, appendTagDecider);
      const retried = await handleCommand(store, stream, appendTagDecider, append, context(commandId), {
        streams,
        folded,
      });
      expect(retried.position).toBe((await sqlite.readStream(stream))[0].position);
      expect(await streams.load(stream, appendTagDecider)).toEqual({ state: { tags: ['a', 'b'] }, revision: 1 });
    });
  });

  describe('given more streams than it may keep', () => {
    it('lets the least recently used go, and folds it again from the first event when it comes back', async () => {
      const small = new FoldedStreams(store, 3);
      const [a, b, c, d] = [aStream(), aStream(), aStream(), aStream()];
      for (const stream of [a, b, c, d]) await appendDirectly(store, stream, ['x', 'y'], 'no_stream');
      for (const stream of [a, b, c]) await small.load(stream, tagDecider);
      await small.load(a, tagDecider);
      await small.load(d, tagDecider);
      expect(small.size).toBe(3);
      store.reads.length = 0;
      for (const stream of [a, c, d, b]) expect((await small.load(stream, tagDecider)).state.tags).toEqual(['x', 'y']);
      expect(store.reads.map((read) => [read.streamId, read.fromRevision])).toEqual([
        [a, 2],
        [c, 2],
        [d, 2],
        [b, 0],
      ]);
      expect(small.size).toBe(3);
    });
  });

  it('folds from the initial state without a kept state (foldStream)', async () => {
    const stream = aStream();
    await appendDirectly(store, stream, ['a'], 'no_stream');
    expect(await foldStream(store, stream, tagDecider)).toEqual({ state: { tags: ['a'] }, revision: 0 });
  });
});

describe('FoldedStreams in the service', () => {
  let t: TestApp;
  let program: Program;
  let reads: StreamRead[];
  beforeAll(async () => {
    t = await startTestApp();
    program = await primairesProgram(t);
    const store = t.app.get(EventStore);
    const readStream = store.readStream.bind(store);
    store.readStream = async (streamId, options) => {
      const events = await readStream(streamId, options);
      reads.push({ streamId, fromRevision: options?.fromRevision, events: events.length });
      return events;
    };
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.clock.set(DURING_PRIORITY);
    reads = [];
  });

  const aFamily = () => validatedFamily(t, { programIds: [program.programId] });
  const add = (family: Family, activity: ActivityName) =>
    addLine(t, family.auth, family.children['Léa'], program.programId, program.activities[activity]).expect(201);
  const readsOf = (stream: string) => reads.filter((read) => read.streamId === stream);

  it('places an order reading the booking stream once, and none of the events read before', async () => {
    const family = await aFamily();
    await add(family, 'judo');
    reads = [];
    await placeOrder(t, family.auth, family.children['Léa'], aKey()).expect(201);
    expect(readsOf(bookingStream(family.children['Léa']))).toEqual([
      { streamId: bookingStream(family.children['Léa']), fromRevision: 1, events: 0 },
    ]);
    expect(readsOf(familyStream(family.familyId)).map((read) => read.events)).toEqual([0]);
    expect(readsOf(programStream(program.programId)).map((read) => read.events)).toEqual([0]);
  });

  it('decides on what was written to the booking stream by another process', async () => {
    const family = await aFamily();
    const childId = family.children['Léa'];
    await add(family, 'english');
    const removed = {
      type: 'ActivityRemoved',
      data: {
        childId,
        familyId: family.familyId,
        programId: program.programId,
        activityId: program.activities.english,
        removedAt: DURING_PRIORITY,
      },
    };
    const stream = bookingStream(childId);
    await t.app.get(EventStore).appendToStream(stream, toNewEvents(stream, [removed], context()), {
      expectedRevision: 0,
    });
    const refused = await placeOrder(t, family.auth, childId, aKey()).expect(400);
    expect(refused.body.error).toBe('BASKET_EMPTY');
  });
});
