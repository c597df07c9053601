import {
  ANY,
  AppendExpectedRevision,
  AppendResult as ClientAppendResult,
  CurrentRevision as ClientCurrentRevision,
  END,
  ErrorType,
  EventData,
  JSONType,
  NO_STREAM,
  Position,
  ReadPosition,
  ReadRevision,
  RecordedEvent as ClientRecordedEvent,
  START,
  STREAM_EXISTS,
  jsonEvent,
} from '@eventstore/db-client';
import {
  CurrentRevision,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';

/**
 * Pure translations between the port and @eventstore/db-client: revisions, positions, events,
 * metadata and errors. The adapter only moves data through them, so they are what the unit tests
 * cover on machines with no EventStoreDB.
 *
 * Our global position is the event's PREPARE position: the byte offset of its record in the
 * transaction log. It is unique per event and every read reports it (a stream read reports no
 * real commit position), and it increases in `$all` order for everything written through gRPC,
 * where each event of an append is its own implicitly committed record. (Only the legacy TCP
 * API's explicit transactions commit after their prepares; we never write those.) It counts
 * bytes, not events: positions are increasing but not consecutive.
 */

type Direction = 'forwards' | 'backwards';
type ClientResolvedEvent = { event?: ClientRecordedEvent };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function fromClientExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  return typeof expected === 'bigint' ? toSafeNumber(expected, 'expected revision') : expected;
}

export function fromClientCurrentRevision(current: ClientCurrentRevision): CurrentRevision {
  return current === NO_STREAM ? 'no_stream' : toSafeNumber(current, 'revision');
}

/** where a stream read starts: `fromRevision` is inclusive, as in the port */
export function toClientReadRevision(fromRevision: number | undefined, direction: Direction): ReadRevision {
  if (fromRevision === undefined) return direction === 'backwards' ? END : START;
  return BigInt(fromRevision);
}

/**
 * Where a read of `$all` starts for the exclusive checkpoint `after`. The server reads forwards
 * from a position inclusively, so the event at `after` comes again; and were a write ever
 * committed after its prepares (commit ≥ prepare), events of it already delivered would come
 * again too. `isPastCheckpoint` drops them all.
 */
export function toClientReadPosition(after: number | undefined, direction: Direction): ReadPosition {
  if (after === undefined) return direction === 'backwards' ? END : START;
  if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`${after} is not a position of the event store`);
  return { commit: BigInt(after), prepare: BigInt(after) };
}

export function isPastCheckpoint(position: number, checkpoint: number | undefined, direction: Direction): boolean {
  if (checkpoint === undefined) return true;
  return direction === 'backwards' ? position < checkpoint : position > checkpoint;
}

/** EventStoreDB's own events (statistics, metadata, links, projections) never reach the application */
export function isSystemEvent(event: Pick<ClientRecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * The application's events in a page of `$all`, in order, each strictly past the checkpoint
 * (which moves with every event seen, system ones included). `checkpoint` is the position of the
 * last event of the page: the next page reads from there.
 */
export function selectFromAll(
  page: readonly ClientResolvedEvent[],
  after: number | undefined,
  direction: Direction,
): { events: RecordedEvent[]; checkpoint: number | undefined } {
  const events: RecordedEvent[] = [];
  let checkpoint = after;
  for (const { event } of page) {
    if (!event) continue;
    const position = positionOf(event);
    if (!isPastCheckpoint(position, checkpoint, direction)) continue;
    checkpoint = position;
    if (!isSystemEvent(event)) events.push(fromClientEvent(event));
  }
  return { events, checkpoint };
}

export function positionOf(event: Pick<ClientRecordedEvent, 'id' | 'position'>): number {
  const prepare = event.position?.prepare;
  // a server older than 22.6 sends 2^64 - 1 ("no position") for events read from a stream
  if (prepare === undefined || prepare > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB reported no position for event ${event.id}: the server must be 22.6 or later`);
  }
  return Number(prepare);
}

export function fromClientEvent(event: ClientRecordedEvent): RecordedEvent {
  if (!event.isJson)
    throw new Error(`event ${event.id} in ${event.streamId} is not JSON: it was not written by Ateliers`);
  return {
    streamId: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position: positionOf(event),
    type: event.type,
    data: event.data,
    metadata: fromClientMetadata(event.metadata, event.id),
  };
}

/** the client's event id is our eventId: a UUID, so that the server recognises a retried append */
export function toClientEvent(event: NewEvent): EventData {
  const { eventId } = event.metadata;
  if (!UUID.test(eventId)) throw new Error(`event id ${eventId} is not a UUID, which EventStoreDB requires`);
  return jsonEvent({
    id: eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: toClientMetadata(event.metadata),
  });
}

/** all of our metadata goes in the event's metadata, eventId included, so that it reads back whole */
export function toClientMetadata(metadata: EventMetadata): JSONType {
  return { ...metadata };
}

export function fromClientMetadata(raw: unknown, id: string): EventMetadata {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
    throw new Error(`event ${id} has no JSON metadata: it was not written by Ateliers`);
  }
  const m = raw as Record<string, unknown>;
  const text = (key: keyof EventMetadata): string => {
    const value = m[key];
    if (typeof value !== 'string') throw new Error(`event ${id} has no ${key} in its metadata`);
    return value;
  };
  if (typeof m.schemaVersion !== 'number') throw new Error(`event ${id} has no schemaVersion in its metadata`);
  // the server's id is the truth; the copy in the metadata keeps the case it was written with
  const eventId = typeof m.eventId === 'string' && m.eventId.toLowerCase() === id.toLowerCase() ? m.eventId : id;
  return {
    eventId,
    correlationId: text('correlationId'),
    causationId: text('causationId'),
    actor: text('actor'),
    timestamp: text('timestamp'),
    schemaVersion: m.schemaVersion,
  };
}

/**
 * The revision and position of the last event written. The server answers an append with the
 * commit position of the write, the log position of its last event, which is that event's
 * prepare position too (implicit commit). It may answer a retried append with no position.
 */
export function fromClientAppendResult(result: ClientAppendResult): {
  nextExpectedRevision: number;
  position?: number;
} {
  return {
    nextExpectedRevision: toSafeNumber(result.nextExpectedRevision, 'revision'),
    position: result.position && isKnownPosition(result.position) ? Number(result.position.commit) : undefined,
  };
}

function isKnownPosition(position: Position): boolean {
  return position.commit <= BigInt(Number.MAX_SAFE_INTEGER);
}

/** the client's WrongExpectedVersionError becomes ours; any other error goes through unchanged */
export function fromClientError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (hasErrorType(error, ErrorType.WRONG_EXPECTED_VERSION)) {
    const actual = (error as { actualVersion?: ClientCurrentRevision }).actualVersion ?? NO_STREAM;
    return new WrongExpectedRevisionError(streamId, expected, fromClientCurrentRevision(actual));
  }
  return error;
}

export function isStreamNotFound(error: unknown): boolean {
  return hasErrorType(error, ErrorType.STREAM_NOT_FOUND);
}

// by `type` rather than `instanceof`: the client's errors carry it, and a second copy of the
// client in node_modules would make `instanceof` fail
function hasErrorType(error: unknown, type: ErrorType): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} is out of range`);
  return Number(value);
}
