import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port';

/**
 * A read model kept in SQLite. The runner applies events inside a transaction that also moves
 * the projection's checkpoint, so a read model is never ahead of nor behind its checkpoint.
 * Bump `version` when the tables or the evolve change: the runner then rebuilds from zero.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** the tables this projection owns; dropped on rebuild */
  readonly tables: readonly string[];
  /** create the tables (idempotent) */
  setup(db: Database.Database): void;
  /** the event types it reads; others are skipped without a call */
  readonly handles: ReadonlySet<string>;
  apply(db: Database.Database, event: RecordedEvent): void;
}
