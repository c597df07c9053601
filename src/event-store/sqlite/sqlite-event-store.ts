import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  AppendResult,
  CurrentRevision,
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
  WrongExpectedRevisionError,
} from '../event-store.port';
import { catchUpSubscription, nextAppend } from '../catch-up-subscription';

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
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface SqliteEventStoreOptions {
  /** how long an idle subscriber waits before looking for events appended by another process */
  pollIntervalMs?: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    -- AUTOINCREMENT: a position is never reused, even after the top row is deleted
    position  INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT    NOT NULL,
    revision  INTEGER NOT NULL,
    event_id  TEXT    NOT NULL UNIQUE,
    type      TEXT    NOT NULL,
    data      TEXT    NOT NULL,
    metadata  TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
`;

const COLUMNS = 'position, stream_id, revision, type, data, metadata';
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
 * transaction (one fsync), each inside its own savepoint so that a conflict refuses only its
 * own append. Promises resolve after COMMIT, never before. Only one connection writes, and
 * positions are assigned inside the write transaction, so they commit in order: a subscriber
 * never sees position n+1 before n (gap-free).
 */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly pollIntervalMs: number;
  private readonly statements;
  private readonly reads = new Map<string, Database.Statement<[string | number, number?], EventRow>>();

  constructor(filename: string, options: SqliteEventStoreOptions = {}) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.appended.setMaxListeners(0);
    this.statements = {
      revision: this.db
        .prepare<[string], { revision: number | null }>(
          'SELECT max(revision) AS revision FROM events WHERE stream_id = ?',
        )
        .pluck(false),
      byEventId: this.db.prepare<[string], { stream_id: string; revision: number; position: number }>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
      savepoint: this.db.prepare('SAVEPOINT append'),
      release: this.db.prepare('RELEASE append'),
      rollbackTo: this.db.prepare('ROLLBACK TO append'),
    };
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('an append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expectedRevision: options.expectedRevision, resolve, reject });
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
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    try {
      this.statements.begin.run();
      for (const append of batch) {
        this.statements.savepoint.run();
        try {
          outcomes.push({ ok: true, result: this.write(append) });
          this.statements.release.run();
        } catch (error) {
          this.statements.rollbackTo.run();
          this.statements.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      this.statements.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.statements.rollback.run();
      for (const append of batch) append.reject(error);
      return;
    }
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.appended.emit('appended');
  }

  private write(append: PendingAppend): AppendResult {
    const { streamId, events, expectedRevision } = append;
    const current = this.currentRevision(streamId);
    const retried = this.retriedAppend(streamId, events, expectedRevision);
    if (retried) return retried;
    if (!revisionMatches(expectedRevision, current)) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    }
    let revision = current === 'no_stream' ? -1 : current;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run(
        streamId,
        revision,
        event.metadata.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
      position = Number(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }

  /**
   * A retried append whose events are already stored, in this stream, in the same order, is
   * acknowledged again without writing anything (as EventStoreDB does): commands derive event
   * ids from their own id, so a retried command is harmless.
   */
  private retriedAppend(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.statements.byEventId.get(events[0].metadata.eventId);
    if (!first) return undefined;
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const row = i === 0 ? first : this.statements.byEventId.get(events[i].metadata.eventId);
      if (!row || row.stream_id !== streamId || row.revision !== first.revision + i) {
        throw new WrongExpectedRevisionError(streamId, expected, this.currentRevision(streamId));
      }
      last = row;
    }
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private currentRevision(streamId: string): CurrentRevision {
    const row = this.statements.revision.get(streamId);
    return row?.revision ?? 'no_stream';
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows =
      options.direction === 'backwards'
        ? this.read(READS.backwards, options.maxCount).all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER)
        : this.read(READS.forwards, options.maxCount).all(streamId, options.fromRevision ?? 0);
    return rows.map(toRecorded);
  }

  /**
   * A read's statement, its limit written in the SQL: a limit given as a parameter makes SQLite
   * about three times slower on these lookups, even when it is never reached. Limits come from
   * the code (batch sizes), so the statements stay few; they are prepared once each.
   */
  private read(sql: string, limit: number | undefined): Database.Statement<[string | number, number?], EventRow> {
    if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
      throw new RangeError(`maxCount must be a whole number ≥ 0, not ${limit}`);
    }
    const text = limit === undefined ? sql : `${sql} LIMIT ${limit}`;
    let statement = this.reads.get(text);
    if (statement === undefined) {
      statement = this.db.prepare<[string | number, number?], EventRow>(text);
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
      readPage: async (after, maxCount) => this.readAllSync({ after, maxCount }),
      waitForMore: (signal) => nextAppend(this.appended, signal, this.pollIntervalMs),
    });
  }

  async headPosition(): Promise<number | undefined> {
    return this.statements.head.get()?.position ?? undefined;
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
    this.appended.emit('appended');
    this.db.close();
  }
}

function revisionMatches(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
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
