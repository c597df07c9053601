import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreHealth,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { CatchUpPage, catchUpSubscription, nextAppend, pageOf } from '../catch-up-subscription';
import {
  CommittedBatch,
  openEventsDatabase,
  SerializedEvent,
  serializeEvents,
  SqliteAppender,
} from './sqlite-appender';
import { SqliteWriterThread } from './sqlite-writer';
import { StreamHeads } from './stream-heads';

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend {
  streamId: string;
  events: readonly SerializedEvent[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface SqliteEventStoreOptions {
  /** how long an idle subscriber waits before looking for events appended by another process */
  pollIntervalMs?: number;
  /**
   * Where appends are committed: on the calling thread (`inline`, the default), or on a thread of
   * their own (`thread`, the service) so that the calling thread never waits for the disk.
   */
  writer?: 'inline' | 'thread';
}

const COLUMNS = 'position, stream_id, revision, type, data, metadata';
/** how many positions a subscription filtered by type looks through in one read, at most */
const SCAN_WINDOW = 20_000;
/** the reads, without their LIMIT (see `read`) */
const READS = {
  forwards: `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
  backwards: `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC`,
  allForwards: `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position`,
  allBackwards: `SELECT ${COLUMNS} FROM events WHERE position < ? ORDER BY position DESC`,
};

/**
 * The embedded event store: one SQLite file in WAL mode with `synchronous=FULL`, so that an
 * acknowledged append survives `kill -9` and power loss.
 *
 * Group commit: appends requested in the same turn of the event loop are written in one
 * transaction (one fsync) by `SqliteAppender`, inline or on the writer thread. Promises resolve
 * after COMMIT, never before. Reads use this thread's connection (WAL: they never wait for the
 * writer, and they see every append acknowledged before they start).
 */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly pollIntervalMs: number;
  private readonly head: Database.Statement<[], { position: number | null }>;
  private readonly reads = new Map<string, Database.Statement<Array<string | number>, EventRow>>();
  /** commits the appends: on this thread, or on the writer thread */
  private readonly writer: SqliteAppender | SqliteWriterThread;
  /** streams' last revisions, so that a read of nothing new does not ask SQLite */
  private readonly heads: StreamHeads;
  /** the store's head position read in this turn of the event loop (see `headThisTurn`) */
  private headOfTurn?: number;

  constructor(filename: string, options: SqliteEventStoreOptions = {}) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.db = openEventsDatabase(filename);
    this.appended.setMaxListeners(0);
    this.head = this.db.prepare('SELECT max(position) AS position FROM events');
    this.writer = options.writer === 'thread' ? new SqliteWriterThread(filename) : new SqliteAppender(this.db);
    this.heads = new StreamHeads(this.head.get()?.position ?? 0);
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('an append needs at least one event'));
    let serialized: SerializedEvent[];
    try {
      serialized = serializeEvents(events);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events: serialized, expectedRevision: options.expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (this.writer instanceof SqliteWriterThread) {
      const appends = batch.map(({ streamId, events, expectedRevision }) => ({ streamId, events, expectedRevision }));
      this.heads.sent();
      this.writer.commit(appends).then(
        (committed) => {
          this.heads.answered();
          this.settle(batch, committed);
        },
        (error: unknown) => {
          this.heads.answered();
          batch.forEach((append) => append.reject(error));
        },
      );
      return;
    }
    let committed: CommittedBatch;
    try {
      committed = this.writer.appendBatch(batch);
    } catch (error) {
      for (const append of batch) append.reject(error);
      return;
    }
    this.settle(batch, committed);
  }

  private settle(batch: readonly PendingAppend[], { outcomes, span }: CommittedBatch): void {
    const written: Array<{ streamId: string; revision: number }> = [];
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      if (!outcome.ok) return append.reject(outcome.error);
      // a retried append acknowledged from events stored earlier says nothing of the stream's end
      if (outcome.result.position > span.before) {
        written.push({ streamId: append.streamId, revision: outcome.result.nextExpectedRevision });
      }
      append.resolve(outcome.result);
    });
    // before any caller goes on: promises resolved above continue after this method returns
    this.heads.committed(span, written);
    this.appended.emit('appended');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.direction === 'backwards') {
      const rows = this.read(READS.backwards, options.maxCount).all(
        streamId,
        options.fromRevision ?? Number.MAX_SAFE_INTEGER,
      );
      return rows.map(toRecorded);
    }
    const from = options.fromRevision ?? 0;
    if (from > 0) {
      // the events after a revision the caller holds: nothing new is known without asking SQLite
      const last = this.heads.lastRevision(streamId, this.headThisTurn());
      if (last !== undefined && last < from) return [];
    }
    const rows = this.read(READS.forwards, options.maxCount).all(streamId, from);
    const { maxCount } = options;
    if (rows.length > 0 && (maxCount === undefined || rows.length < maxCount)) {
      this.heads.learned(streamId, rows[rows.length - 1].revision);
    }
    return rows.map(toRecorded);
  }

  /**
   * The store's head position, read once per turn of the event loop: the reads of a turn share
   * it, as if they had all been made at its start (a read is a snapshot either way).
   */
  private headThisTurn(): number {
    if (this.headOfTurn === undefined) {
      this.headOfTurn = this.head.get()?.position ?? 0;
      setImmediate(() => (this.headOfTurn = undefined));
    }
    return this.headOfTurn;
  }

  /**
   * A read's statement, its limit written in the SQL: a limit given as a parameter makes SQLite
   * about three times slower on these lookups, even when it is never reached. Limits come from
   * the code (batch sizes), so the statements stay few; they are prepared once each.
   */
  private read(sql: string, limit: number | undefined): Database.Statement<Array<string | number>, EventRow> {
    if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
      throw new RangeError(`maxCount must be a whole number ≥ 0, not ${limit}`);
    }
    const text = limit === undefined ? sql : `${sql} LIMIT ${limit}`;
    let statement = this.reads.get(text);
    if (statement === undefined) {
      statement = this.db.prepare<Array<string | number>, EventRow>(text);
      this.reads.set(text, statement);
    }
    return statement;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  private readAllSync(options: ReadAllOptions): RecordedEvent[] {
    const rows =
      options.direction === 'backwards'
        ? this.read(READS.allBackwards, options.maxCount).all(options.after ?? Number.MAX_SAFE_INTEGER)
        : this.read(READS.allForwards, options.maxCount).all(options.after ?? 0);
    return rows.map(toRecorded);
  }

  override onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    return () => this.appended.off('appended', listener);
  }

  override notifyAppended(): void {
    this.appended.emit('appended');
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return catchUpSubscription(options, {
      readPage: async (after, maxCount, eventTypes) =>
        eventTypes === undefined
          ? pageOf(this.readAllSync({ after, maxCount }), after, maxCount)
          : this.readPageOfTypes(after ?? 0, maxCount, eventTypes),
      waitForMore: (signal) => nextAppend(this.appended, signal, this.pollIntervalMs),
    });
  }

  /**
   * The events of the given types after `after`, looking through at most `SCAN_WINDOW` positions
   * up to the head read first (positions are committed in order: every one up to it is there), so
   * that a rare type never makes one read scan the whole store. Rows of other types are passed
   * over on their type alone: their data is neither copied nor parsed.
   */
  private readPageOfTypes(after: number, maxCount: number, eventTypes: readonly string[]): CatchUpPage {
    const head = this.head.get()?.position ?? 0;
    const through = Math.min(head, after + SCAN_WINDOW);
    if (through <= after) return { events: [], through: after, more: false };
    // an empty list keeps no row: `IN ()` is not SQL
    const types = eventTypes.length === 0 ? 'NULL' : eventTypes.map(() => '?').join(', ');
    const sql = `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND type IN (${types}) ORDER BY position`;
    const rows = this.read(sql, maxCount).all(after, through, ...eventTypes);
    if (rows.length >= maxCount)
      return { events: rows.map(toRecorded), through: rows[rows.length - 1].position, more: true };
    return { events: rows.map(toRecorded), through, more: through < head };
  }

  async headPosition(): Promise<number | undefined> {
    return this.head.get()?.position ?? undefined;
  }

  async health(): Promise<StoreHealth> {
    try {
      this.db.prepare('SELECT 1').get();
      return { store: 'sqlite', up: true, detail: this.db.name };
    } catch (error) {
      return { store: 'sqlite', up: false, detail: String(error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.queue.length > 0) this.flush();
    if (this.writer instanceof SqliteWriterThread) await this.writer.close();
    this.appended.emit('appended');
    this.db.close();
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
