import Database from 'better-sqlite3';
import type { CommittedSpan } from './stream-heads';
import {
  AppendResult,
  CurrentRevision,
  ExpectedRevision,
  NewEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';

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

/**
 * A connection to the store's file: WAL mode with `synchronous=FULL`, so that a committed
 * append survives `kill -9` and power loss; the table is created on first use.
 */
export function openEventsDatabase(filename: string): Database.Database {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

/**
 * An event as the store writes it: its data and metadata already JSON. They are serialized when
 * the append is asked for, so that what is stored is the event as it was then (a caller may go on
 * changing its objects), and the writer thread is sent strings it stores as they are.
 */
export interface SerializedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

export interface AppendRequest {
  streamId: string;
  events: readonly SerializedEvent[];
  expectedRevision: ExpectedRevision;
}

/** throws (a TypeError) for data JSON cannot hold: a cycle, a BigInt */
export function serializeEvents(events: readonly NewEvent[]): SerializedEvent[] {
  return events.map(({ type, data, metadata }) => ({
    eventId: metadata.eventId,
    type,
    data: JSON.stringify(data),
    metadata: JSON.stringify(metadata),
  }));
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** a committed transaction: one outcome per append, in order, and the positions it added */
export interface CommittedBatch {
  outcomes: AppendOutcome[];
  span: CommittedSpan;
}

/**
 * Writes appends to the store's file, a batch in one transaction (group commit: one fsync); a
 * refused append leaves none of its events and the others of the batch are written (an append of
 * several events runs inside its own savepoint; one event is one INSERT, undone alone if it fails).
 * Positions are assigned inside the write transaction, so they commit in order: a reader never
 * sees position n+1 before n (gap-free). Only one connection of the service writes.
 */
export class SqliteAppender {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      revision: db.prepare<[string], { revision: number | null }>(
        'SELECT max(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      byEventId: db.prepare<[string], { stream_id: string; revision: number; position: number }>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      insert: db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      head: db.prepare<[], { position: number }>('SELECT coalesce(max(position), 0) AS position FROM events'),
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT append'),
      release: db.prepare('RELEASE append'),
      rollbackTo: db.prepare('ROLLBACK TO append'),
    };
  }

  /**
   * One outcome per append, in order, once the transaction is committed, and the span of
   * positions it added (read under the write lock: no other connection writes in between).
   * Throws, having written nothing, when the transaction itself fails (the disk, the lock).
   */
  appendBatch(batch: readonly AppendRequest[]): CommittedBatch {
    const outcomes: AppendOutcome[] = [];
    let before: number;
    let after: number;
    try {
      this.statements.begin.run();
      before = this.statements.head.get()?.position ?? 0;
      for (const append of batch) {
        const savepoint = append.events.length > 1;
        if (savepoint) this.statements.savepoint.run();
        try {
          outcomes.push({ ok: true, result: this.write(append) });
          if (savepoint) this.statements.release.run();
        } catch (error) {
          if (savepoint) {
            this.statements.rollbackTo.run();
            this.statements.release.run();
          }
          outcomes.push({ ok: false, error });
        }
      }
      after = this.statements.head.get()?.position ?? 0;
      this.statements.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.statements.rollback.run();
      throw error;
    }
    return { outcomes, span: { before, after } };
  }

  private write(append: AppendRequest): AppendResult {
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
        event.eventId,
        event.type,
        event.data,
        event.metadata,
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
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.statements.byEventId.get(events[0].eventId);
    if (!first) return undefined;
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const row = i === 0 ? first : this.statements.byEventId.get(events[i].eventId);
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
