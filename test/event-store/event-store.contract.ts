import { randomUUID } from 'node:crypto';
import {
  EventStore,
  NewEvent,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../../src/event-store/event-store.port';

export interface StoreUnderTest {
  store: EventStore;
  cleanup: () => Promise<void>;
}

/** an event to append: fresh ids, a fixed timestamp; `overrides` for the metadata a test sets */
export function newEvent(type: string, data: unknown, overrides: Partial<NewEvent['metadata']> = {}): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: 'test:contract',
      timestamp: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
      ...overrides,
    },
  };
}

const events = (n: number, type = 'Thing') => Array.from({ length: n }, (_, i) => newEvent(type, { i }));

/**
 * The contract every event store adapter keeps. Stores may be shared between tests (an
 * EventStoreDB server cannot be emptied), so each test uses fresh stream ids and reads `$all`
 * from the head it saw first.
 */
export function describeEventStoreContract(name: string, open: () => Promise<StoreUnderTest>) {
  describe(`event store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    let stream: string;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
      stream = `contract-${randomUUID()}`;
    });
    afterEach(() => subject.cleanup());

    describe('given a new stream', () => {
      it('appends with expected revision no_stream and numbers revisions from 0', async () => {
        const result = await store.appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
        expect(read[2].position).toBe(result.position);
      });

      it('reads an absent stream as empty', async () => {
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('refuses stream_exists and an exact revision', async () => {
        await expect(
          store.appendToStream(stream, events(1), { expectedRevision: 'stream_exists' }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.appendToStream(stream, events(1), { expectedRevision: 0 })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('given a stream at revision 1', () => {
      beforeEach(() => store.appendToStream(stream, events(2), { expectedRevision: 'no_stream' }));

      it('appends at the exact revision, and with any and stream_exists', async () => {
        await store.appendToStream(stream, events(1), { expectedRevision: 1 });
        await store.appendToStream(stream, events(1), { expectedRevision: 'any' });
        const result = await store.appendToStream(stream, events(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(4);
      });

      it('refuses a stale revision with a typed error that names the actual revision', async () => {
        const error = await store.appendToStream(stream, events(1), { expectedRevision: 0 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(1);
        await expect(store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
      });

      it('lets exactly one of 20 concurrent appends with the same expected revision win', async () => {
        const attempts = await Promise.allSettled(
          Array.from({ length: 20 }, () => store.appendToStream(stream, events(2), { expectedRevision: 1 })),
        );
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
        expect(refused).toHaveLength(19);
        refused.forEach((r) => expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError));
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('acknowledges a retried append of the same events once, without writing them twice', async () => {
        const retried = events(2);
        const first = await store.appendToStream(stream, retried, { expectedRevision: 1 });
        const again = await store.appendToStream(stream, retried, { expectedRevision: 1 });
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(await store.readStream(stream)).toHaveLength(4);
      });
    });

    describe('reading a stream', () => {
      beforeEach(() => store.appendToStream(stream, events(10), { expectedRevision: 'no_stream' }));

      it('reads forwards from a revision, with a count', async () => {
        const read = await store.readStream(stream, { fromRevision: 3, maxCount: 4 });
        expect(read.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
      });

      it('reads backwards from the end and from a revision', async () => {
        expect(
          (await store.readStream(stream, { direction: 'backwards', maxCount: 3 })).map((e) => e.revision),
        ).toEqual([9, 8, 7]);
        expect(
          (await store.readStream(stream, { direction: 'backwards', fromRevision: 4, maxCount: 2 })).map(
            (e) => e.revision,
          ),
        ).toEqual([4, 3]);
      });
    });

    describe('reading all', () => {
      it('returns events of every stream in global order after a position', async () => {
        const head = await store.headPosition();
        const other = `${stream}-other`;
        await store.appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(other, events(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, events(1), { expectedRevision: 1 });
        const all = (await store.readAll({ after: head })).filter((e) => e.streamId.startsWith(stream));
        expect(all.map((e) => `${e.streamId === stream ? 'a' : 'b'}${e.revision}`)).toEqual([
          'a0',
          'a1',
          'b0',
          'b1',
          'a2',
        ]);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        const fromThird = (await store.readAll({ after: all[2].position })).filter((e) =>
          e.streamId.startsWith(stream),
        );
        expect(fromThird.map((e) => e.position)).toEqual(positions.slice(3));
        const backwards = (await store.readAll({ direction: 'backwards', maxCount: 2 })).map((e) => e.position);
        expect(backwards).toEqual([positions[4], positions[3]]);
      });
    });

    describe('a catch-up subscription', () => {
      it('delivers past events, then live ones, each exactly once and in order', async () => {
        const head = await store.headPosition();
        await store.appendToStream(stream, events(30), { expectedRevision: 'no_stream' });
        const seen: RecordedEvent[] = [];
        let resolveDone!: () => void;
        const done = new Promise<void>((r) => (resolveDone = r));
        const subscription = store.subscribeToAll({
          after: head,
          onEvent: async (event) => {
            if (event.streamId !== stream) return;
            seen.push(event);
            if (seen.length === 60) resolveDone();
          },
        });
        for (let i = 0; i < 30; i++) {
          await store.appendToStream(stream, events(1), { expectedRevision: 29 + i });
        }
        await done;
        await subscription.stop();
        expect(seen.map((e) => e.revision)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      });

      it('sees concurrent appends with increasing positions and none missing', async () => {
        const head = await store.headPosition();
        const streams = Array.from({ length: 10 }, (_, i) => `${stream}-${i}`);
        const seen: number[] = [];
        let resolveDone!: () => void;
        const done = new Promise<void>((r) => (resolveDone = r));
        const subscription = store.subscribeToAll({
          after: head,
          onEvent: (event) => {
            if (!event.streamId.startsWith(stream)) return;
            seen.push(event.position);
            if (seen.length === 100) resolveDone();
          },
        });
        await Promise.all(
          streams.map(async (s) => {
            for (let i = 0; i < 10; i++)
              await store.appendToStream(s, events(1), { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
          }),
        );
        await done;
        await subscription.stop();
        expect([...seen].sort((a, b) => a - b)).toEqual(seen);
        expect(new Set(seen).size).toBe(100);
      });
    });

    describe('a catch-up subscription filtered by event type', () => {
      it('delivers only those types, in order, and catches up through the events it passed over', async () => {
        const head = await store.headPosition();
        const wanted = `Wanted-${randomUUID()}`;
        const other = `Other-${randomUUID()}`;
        await store.appendToStream(stream, [...events(5, other), ...events(3, wanted), ...events(4, other)], {
          expectedRevision: 'no_stream',
        });
        const seen: RecordedEvent[] = [];
        const caughtUp: Array<number | undefined> = [];
        let resolveDone!: () => void;
        const done = new Promise<void>((r) => (resolveDone = r));
        const subscription = store.subscribeToAll({
          after: head,
          eventTypes: [wanted, `Absent-${randomUUID()}`],
          onEvent: (event) => void seen.push(event),
          onCaughtUp: (position) => {
            caughtUp.push(position);
            if (seen.length === 5) resolveDone();
          },
        });
        // live ones too, the last of them of another type
        await store.appendToStream(stream, [...events(2, wanted), ...events(3, other)], { expectedRevision: 11 });
        await done;
        await subscription.stop();
        expect(seen.map((e) => [e.type, e.revision])).toEqual([
          [wanted, 5],
          [wanted, 6],
          [wanted, 7],
          [wanted, 12],
          [wanted, 13],
        ]);
        // it has looked through the events of the other type after the last it delivered
        const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(caughtUp.at(-1)).toBeGreaterThanOrEqual(last.position);
        expect(caughtUp.every((p, i) => i === 0 || (p ?? 0) >= (caughtUp[i - 1] ?? 0))).toBe(true);
      });

      it('resumed after the position it caught up through, delivers only what came after', async () => {
        const head = await store.headPosition();
        const wanted = `Wanted-${randomUUID()}`;
        await store.appendToStream(stream, [...events(2, wanted), ...events(2)], { expectedRevision: 'no_stream' });
        let through: number | undefined;
        let resolveFirst!: () => void;
        const first = new Promise<void>((r) => (resolveFirst = r));
        const before = store.subscribeToAll({
          after: head,
          eventTypes: [wanted],
          onEvent: () => undefined,
          onCaughtUp: (position) => {
            through = position;
            resolveFirst();
          },
        });
        await first;
        await before.stop();
        await store.appendToStream(stream, [...events(1), ...events(1, wanted)], { expectedRevision: 3 });
        const seen: number[] = [];
        let resolveDone!: () => void;
        const done = new Promise<void>((r) => (resolveDone = r));
        const after = store.subscribeToAll({
          after: through,
          eventTypes: [wanted],
          onEvent: (event) => {
            seen.push(event.revision);
            resolveDone();
          },
        });
        await done;
        await after.stop();
        expect(seen).toEqual([5]);
      });
    });

    it('round-trips metadata', async () => {
      const event = newEvent(
        'Described',
        { name: 'Éloïse', nested: { list: [1, 2] } },
        { actor: 'staff:42', schemaVersion: 3 },
      );
      await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
      const [read] = await store.readStream(stream);
      expect(read.type).toBe('Described');
      expect(read.data).toEqual(event.data);
      expect(read.metadata).toEqual(event.metadata);
      expect(read.streamId).toBe(stream);
    });

    it('appends and reads back a batch of 10,000 events', async () => {
      const batch = events(10_000, 'Bulk');
      const result = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(9_999);
      const read = await store.readStream(stream);
      expect(read).toHaveLength(10_000);
      expect(read[9_999].data).toEqual({ i: 9_999 });
      expect(read[1234].metadata.eventId).toBe(batch[1234].metadata.eventId);
    });
  });
}
