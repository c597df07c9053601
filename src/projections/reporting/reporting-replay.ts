import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { setupIndexes, setupTables } from '../projection';
import { reportingProjections } from './reporting.projections';

const PAGE = 2000;

export interface ReportingSnapshot {
  /** an in-memory database: close it once read */
  db: Database.Database;
  /** the position of the last event it includes; 0 when it includes none */
  position: number;
}

/**
 * The reporting read models as they were at global position `upTo`: every event up to it replayed,
 * in pages read from the store, into a fresh in-memory database with the projections' own tables,
 * apply and indexes (the same code the live runner uses).
 */
export async function replayReporting(store: EventStore, upTo: number): Promise<ReportingSnapshot> {
  const db = new Database(':memory:');
  try {
    // the indexes once replayed, as the runner does: one sort each rather than an insert per row
    for (const projection of reportingProjections) setupTables(db, projection);
    const applyPage = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) {
        for (const projection of reportingProjections) {
          if (projection.handles.has(event.type)) projection.apply(db, event);
        }
      }
    });
    let position = 0;
    let after: number | undefined;
    while (position < upTo) {
      const page = await store.readAll({ after, maxCount: PAGE });
      const events = page.filter((event) => event.position <= upTo);
      applyPage(events);
      if (events.length > 0) position = events[events.length - 1].position;
      if (events.length < PAGE) break;
      after = position;
    }
    for (const projection of reportingProjections) setupIndexes(db, projection);
    return { db, position };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The position of the last event (highest position) whose `metadata.timestamp` is at or before
 * `instant`, read backwards from the head in pages; 0 when every event is later.
 */
export async function positionAt(store: EventStore, instant: Date): Promise<number> {
  const limit = instant.getTime();
  let before: number | undefined;
  for (;;) {
    const page = await store.readAll({ direction: 'backwards', after: before, maxCount: PAGE });
    const found = page.find((event) => Date.parse(event.metadata.timestamp) <= limit);
    if (found !== undefined) return found.position;
    if (page.length < PAGE) return 0;
    before = page[page.length - 1].position;
  }
}
