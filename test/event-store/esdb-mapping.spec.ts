import {
  AllStreamResolvedEvent,
  END,
  JSONRecordedEvent,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventMetadata, NewEvent, WrongExpectedRevisionError } from '../../src/event-store/event-store.port';
import {
  fromClientAppendResult,
  fromClientCurrentRevision,
  fromClientError,
  fromClientEvent,
  fromClientExpectedRevision,
  fromClientMetadata,
  isPastCheckpoint,
  isStreamNotFound,
  isSystemEvent,
  positionOf,
  selectFromAll,
  toClientEvent,
  toClientExpectedRevision,
  toClientMetadata,
  toClientReadPosition,
  toClientReadRevision,
} from '../../src/event-store/eventstoredb/esdb-mapping';

/** what the server sends as "no position" (-1 as an unsigned 64-bit integer) */
const NO_POSITION = 2n ** 64n - 1n;

const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  eventId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: 'staff:42',
  timestamp: '2026-01-01T00:00:00.000Z',
  schemaVersion: 2,
  ...overrides,
});

/** an event as the client hands it over after a read */
function recorded(
  overrides: Partial<{
    streamId: string;
    type: string;
    revision: bigint;
    commit: bigint;
    prepare: bigint;
    data: unknown;
  }> = {},
): JSONRecordedEvent {
  const meta = metadata();
  const prepare = overrides.prepare ?? 100n;
  return {
    streamId: overrides.streamId ?? 'order-1',
    id: meta.eventId,
    isJson: true,
    revision: overrides.revision ?? 0n,
    type: overrides.type ?? 'OrderPlaced',
    created: new Date('2026-01-01T00:00:01.000Z'),
    data: (overrides.data ?? { line: 1 }) as JSONRecordedEvent['data'],
    metadata: meta as unknown as JSONRecordedEvent['metadata'],
    position: { commit: overrides.commit ?? prepare, prepare },
  };
}

const inAll = (event: JSONRecordedEvent): AllStreamResolvedEvent => ({
  event: event as AllStreamResolvedEvent['event'],
  commitPosition: event.position?.commit,
});

describe('esdb mapping', () => {
  describe('expected revisions', () => {
    it('maps no_stream, any and stream_exists to the client constants, and a number to a bigint', () => {
      expect(toClientExpectedRevision('no_stream')).toBe('no_stream');
      expect(toClientExpectedRevision('any')).toBe('any');
      expect(toClientExpectedRevision('stream_exists')).toBe('stream_exists');
      expect(toClientExpectedRevision(0)).toBe(0n);
      expect(toClientExpectedRevision(41)).toBe(41n);
    });

    it('maps the client expected revisions back', () => {
      expect(fromClientExpectedRevision('no_stream')).toBe('no_stream');
      expect(fromClientExpectedRevision('any')).toBe('any');
      expect(fromClientExpectedRevision('stream_exists')).toBe('stream_exists');
      expect(fromClientExpectedRevision(7n)).toBe(7);
    });

    it('maps a current revision, no_stream included', () => {
      expect(fromClientCurrentRevision('no_stream')).toBe('no_stream');
      expect(fromClientCurrentRevision(3n)).toBe(3);
      expect(() => fromClientCurrentRevision(2n ** 60n)).toThrow(RangeError);
    });
  });

  describe('where reads start', () => {
    it('reads a stream from its start or its end unless given an inclusive revision', () => {
      expect(toClientReadRevision(undefined, 'forwards')).toBe(START);
      expect(toClientReadRevision(undefined, 'backwards')).toBe(END);
      expect(toClientReadRevision(4, 'forwards')).toBe(4n);
      expect(toClientReadRevision(4, 'backwards')).toBe(4n);
    });

    it('reads $all from a checkpoint p at the position {commit: p, prepare: p}', () => {
      expect(toClientReadPosition(undefined, 'forwards')).toBe(START);
      expect(toClientReadPosition(undefined, 'backwards')).toBe(END);
      expect(toClientReadPosition(1234, 'forwards')).toEqual({ commit: 1234n, prepare: 1234n });
      expect(toClientReadPosition(0, 'forwards')).toEqual({ commit: 0n, prepare: 0n });
      expect(() => toClientReadPosition(-1, 'forwards')).toThrow(RangeError);
      expect(() => toClientReadPosition(1.5, 'forwards')).toThrow(RangeError);
    });

    it('keeps only positions strictly past the checkpoint, in the direction of the read', () => {
      expect(isPastCheckpoint(10, undefined, 'forwards')).toBe(true);
      expect(isPastCheckpoint(11, 10, 'forwards')).toBe(true);
      expect(isPastCheckpoint(10, 10, 'forwards')).toBe(false);
      expect(isPastCheckpoint(9, 10, 'forwards')).toBe(false);
      expect(isPastCheckpoint(9, 10, 'backwards')).toBe(true);
      expect(isPastCheckpoint(10, 10, 'backwards')).toBe(false);
    });
  });

  describe('positions', () => {
    it("uses the event's prepare position, which stream reads report even when the commit position is unknown", () => {
      expect(positionOf(recorded({ prepare: 500n, commit: 500n }))).toBe(500);
      expect(positionOf(recorded({ prepare: 500n, commit: NO_POSITION }))).toBe(500);
      expect(positionOf(recorded({ prepare: 500n, commit: 900n }))).toBe(500);
    });

    it('refuses an event with no position, as servers before 22.6 send for stream reads', () => {
      expect(() => positionOf({ id: 'e', position: undefined })).toThrow(/22\.6/);
      expect(() => positionOf(recorded({ prepare: NO_POSITION, commit: NO_POSITION }))).toThrow(/no position/);
    });

    it('takes the position of an append from its commit position, the log position of its last event', () => {
      expect(
        fromClientAppendResult({
          success: true,
          nextExpectedRevision: 4n,
          position: { commit: 2048n, prepare: 2048n },
        }),
      ).toEqual({
        nextExpectedRevision: 4,
        position: 2048,
      });
      expect(
        fromClientAppendResult({ success: true, nextExpectedRevision: 4n, position: { commit: 2048n, prepare: 1024n } })
          .position,
      ).toBe(2048);
    });

    it('reports no position for an append the server acknowledged without one (a retried append)', () => {
      expect(fromClientAppendResult({ success: true, nextExpectedRevision: 1n, position: undefined })).toEqual({
        nextExpectedRevision: 1,
        position: undefined,
      });
      expect(
        fromClientAppendResult({
          success: true,
          nextExpectedRevision: 1n,
          position: { commit: NO_POSITION, prepare: NO_POSITION },
        }).position,
      ).toBeUndefined();
    });
  });

  describe('events', () => {
    it('turns a recorded event into ours: revision and position as numbers, data and metadata as written', () => {
      const event = recorded({
        streamId: 'basket-7',
        revision: 12n,
        prepare: 4096n,
        commit: 4096n,
        data: { name: 'Éloïse' },
      });
      expect(fromClientEvent(event)).toEqual({
        streamId: 'basket-7',
        revision: 12,
        position: 4096,
        type: 'OrderPlaced',
        data: { name: 'Éloïse' },
        metadata: event.metadata,
      });
    });

    it('refuses an event that is not JSON', () => {
      const binary = { ...recorded(), isJson: false, data: new Uint8Array([1]) } as unknown as JSONRecordedEvent;
      expect(() => fromClientEvent(binary)).toThrow(/not JSON/);
    });

    it('writes a JSON event whose id is our eventId and whose metadata is all of ours', () => {
      const event: NewEvent = { type: 'OrderPlaced', data: { lines: [1, 2] }, metadata: metadata() };
      expect(toClientEvent(event)).toEqual({
        id: event.metadata.eventId,
        contentType: 'application/json',
        type: 'OrderPlaced',
        data: { lines: [1, 2] },
        metadata: { ...event.metadata },
      });
    });

    it('refuses an eventId that is not a UUID', () => {
      const event: NewEvent = { type: 'OrderPlaced', data: {}, metadata: metadata({ eventId: 'order-1/0' }) };
      expect(() => toClientEvent(event)).toThrow(/not a UUID/);
    });
  });

  describe('metadata', () => {
    it('round-trips through the client metadata', () => {
      const ours = metadata();
      expect(fromClientMetadata(toClientMetadata(ours), ours.eventId)).toEqual(ours);
    });

    it("takes the eventId from the server's event id, keeping the case it was written with", () => {
      const upper = metadata({ eventId: randomUUID().toUpperCase() });
      expect(fromClientMetadata(toClientMetadata(upper), upper.eventId.toLowerCase()).eventId).toBe(upper.eventId);
      const other = randomUUID();
      expect(fromClientMetadata(toClientMetadata(metadata()), other).eventId).toBe(other);
    });

    it('refuses metadata that Ateliers did not write', () => {
      expect(() => fromClientMetadata(undefined, 'e')).toThrow(/no JSON metadata/);
      expect(() => fromClientMetadata(new Uint8Array([1, 2]), 'e')).toThrow(/no JSON metadata/);
      expect(() => fromClientMetadata(['a'], 'e')).toThrow(/no JSON metadata/);
      const { actor: _actor, ...withoutActor } = metadata();
      expect(() => fromClientMetadata(withoutActor, 'e')).toThrow(/no actor/);
      expect(() => fromClientMetadata({ ...metadata(), schemaVersion: '1' }, 'e')).toThrow(/no schemaVersion/);
    });
  });

  describe('$all', () => {
    it('recognises system events by their type or their stream', () => {
      expect(isSystemEvent({ type: '$statsCollected', streamId: '$stats-127.0.0.1:2113' })).toBe(true);
      expect(isSystemEvent({ type: '$>', streamId: '$ce-order' })).toBe(true);
      expect(isSystemEvent({ type: '$metadata', streamId: '$$order-1' })).toBe(true);
      expect(isSystemEvent({ type: 'Anything', streamId: '$settings' })).toBe(true);
      expect(isSystemEvent({ type: 'OrderPlaced', streamId: 'order-1' })).toBe(false);
    });

    it('drops what a read from a checkpoint brings again: the event at the checkpoint and earlier events of its write', () => {
      // a write of three events committed at 400 after its prepares at 100, 200 and 300, of which
      // 100 and 200 were delivered: reading from {200, 200} starts at the commit, with all three
      const write = [100n, 200n, 300n].map((prepare, i) =>
        recorded({ streamId: 'order-1', revision: BigInt(i), prepare, commit: 400n }),
      );
      const later = recorded({ streamId: 'order-2', prepare: 500n });
      const page = [...write, later].map(inAll);
      const { events, checkpoint } = selectFromAll(page, 200, 'forwards');
      expect(events.map((e) => e.position)).toEqual([300, 500]);
      expect(events.map((e) => `${e.streamId}@${e.revision}`)).toEqual(['order-1@2', 'order-2@0']);
      expect(checkpoint).toBe(500);
    });

    it('drops the event at the checkpoint, which a forwards read includes', () => {
      const page = [recorded({ prepare: 200n }), recorded({ prepare: 300n })].map(inAll);
      expect(selectFromAll(page, 200, 'forwards').events.map((e) => e.position)).toEqual([300]);
    });

    it('skips system events but moves the checkpoint past them, so that the next page starts after them', () => {
      const page = [
        recorded({ prepare: 100n }),
        recorded({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected', prepare: 200n }),
        recorded({ streamId: '$$order-1', type: '$metadata', prepare: 300n }),
      ].map(inAll);
      const { events, checkpoint } = selectFromAll(page, undefined, 'forwards');
      expect(events.map((e) => e.position)).toEqual([100]);
      expect(checkpoint).toBe(300);
    });

    it('keeps only events before the checkpoint when reading backwards', () => {
      const page = [recorded({ prepare: 300n }), recorded({ prepare: 200n }), recorded({ prepare: 100n })].map(inAll);
      const { events, checkpoint } = selectFromAll(page, 300, 'backwards');
      expect(events.map((e) => e.position)).toEqual([200, 100]);
      expect(checkpoint).toBe(100);
    });

    it('leaves the checkpoint where it was on an empty page, or one with no event', () => {
      const noEvent: AllStreamResolvedEvent = { commitPosition: 5n };
      expect(selectFromAll([], 42, 'forwards')).toEqual({ events: [], checkpoint: 42 });
      expect(selectFromAll([noEvent], undefined, 'forwards')).toEqual({
        events: [],
        checkpoint: undefined,
      });
    });
  });

  describe('errors', () => {
    it("turns the client's WrongExpectedVersionError into ours, with the actual revision", () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'order-1', expected: 0n, current: 3n });
      const ours = fromClientError(error, 'order-1', 0);
      expect(ours).toBeInstanceOf(WrongExpectedRevisionError);
      expect(ours).toMatchObject({ streamId: 'order-1', expected: 0, actual: 3 });
    });

    it("says no_stream when the stream doesn't exist", () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'order-1',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      expect(fromClientError(error, 'order-1', 'stream_exists')).toMatchObject({
        expected: 'stream_exists',
        actual: 'no_stream',
      });
    });

    it('recognises an error of the same shape from another copy of the client', () => {
      const fake = Object.assign(new Error('wrong'), { type: 'wrong-expected-version', actualVersion: 5n });
      expect(fromClientError(fake, 'order-1', 4)).toMatchObject({ streamId: 'order-1', expected: 4, actual: 5 });
    });

    it('passes any other error through unchanged', () => {
      const unavailable = new UnavailableError(undefined, 'no connection');
      expect(fromClientError(unavailable, 'order-1', 'any')).toBe(unavailable);
      const plain = new Error('boom');
      expect(fromClientError(plain, 'order-1', 'any')).toBe(plain);
      expect(fromClientError('text', 'order-1', 'any')).toBe('text');
    });

    it('recognises a missing stream', () => {
      expect(isStreamNotFound(new StreamNotFoundError(undefined, 'order-1'))).toBe(true);
      expect(isStreamNotFound(new UnavailableError(undefined, 'down'))).toBe(false);
      expect(isStreamNotFound(undefined)).toBe(false);
    });
  });
});
