/**
 * The event store port. Two adapters implement it (SQLite, embedded default; EventStoreDB) and
 * one contract suite (test/event-store/event-store.contract.ts) runs against both.
 *
 * Conventions (EventStoreDB's): a stream's revisions count from 0; a stream that has no event is
 * in the state `no_stream`. Global positions order every event of the store; subscribers read
 * them strictly increasing, and the SQLite adapter makes them gap-free.
 */

export interface EventMetadata {
  /** unique per event; derived from the command, so that a retried command is harmless */
  eventId: string;
  correlationId: string;
  causationId: string;
  /** who caused it: `staff:<id>`, `parent:<id>`, `system:<process>` */
  actor: string;
  /** ISO 8601, from the application's clock */
  timestamp: string;
  schemaVersion: number;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  streamId: string;
  /** the event's revision in its stream, from 0 */
  revision: number;
  /** the event's place in the global order */
  position: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** `no_stream`: the stream must not exist; `stream_exists`: it must; a number: its exact last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;
export type CurrentRevision = 'no_stream' | number;

export interface AppendResult {
  /** revision of the last event written (or found, for an idempotent retry) */
  nextExpectedRevision: number;
  /** global position of the last event written */
  position: number;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`stream ${streamId} is at revision ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** inclusive; forwards defaults to 0, backwards to the last revision */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** exclusive checkpoint: read the events after this position; omit to read from the start */
  after?: number;
  maxCount?: number;
  direction?: 'forwards' | 'backwards';
}

export interface SubscribeOptions {
  /** exclusive checkpoint, as in ReadAllOptions */
  after?: number;
  /**
   * Only events of these types are delivered, filtered by the adapter (SQLite passes the other
   * rows over on their type, without reading them in full; EventStoreDB's adapter as it reads
   * `$all`, its client having filters for subscriptions only). Omit for all.
   */
  eventTypes?: readonly string[];
  /** called once per event, in global order; the next event waits for the promise */
  onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** the handler threw, or the store failed: the subscription stops */
  onError?: (error: unknown) => void;
  /**
   * Called each time the subscription has delivered everything stored so far, with the position it
   * has looked through: with `eventTypes`, it may be past the last event delivered, and a
   * subscriber that resumes after it misses none of the events it wants.
   */
  onCaughtUp?: (position: number | undefined) => void;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface StoreHealth {
  store: 'sqlite' | 'eventstoredb';
  up: boolean;
  detail?: string;
}

/** The port; an abstract class so that it doubles as the Nest injection token. */
export abstract class EventStore {
  abstract appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /** events of one stream; an empty array when the stream does not exist */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** events of every stream in global order */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** catch up from `after`, then switch to live events with no gap and no duplicate */
  abstract subscribeToAll(options: SubscribeOptions): Subscription;

  /** position of the last event stored; undefined when the store is empty */
  abstract headPosition(): Promise<number | undefined>;

  abstract health(): Promise<StoreHealth>;

  abstract close(): Promise<void>;

  /**
   * Calls `listener` after each append of this process is durable, so that a reader on another
   * connection (the read-model worker) can look for it at once. Returns the unsubscribe.
   * Stores whose subscriptions are pushed by a server need not implement it.
   */
  onAppended(listener: () => void): () => void {
    void listener;
    return () => undefined;
  }

  /** tells this store's subscriptions that another connection appended: they read at once */
  notifyAppended(): void {}
}
