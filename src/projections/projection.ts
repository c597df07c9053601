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
  /** create the tables and their indexes (idempotent): the read model ready to be read and written */
  setup(db: Database.Database): void;
  /**
   * `setup` in two steps, for the runner: it creates the tables, catches up, and only then
   * creates the indexes, so that a rebuild or a fresh start loads the tables without updating
   * secondary indexes on long random keys row by row (SQLite then builds each with one sort).
   */
  readonly schema?: ProjectionSchema;
  /** the event types it reads; others are skipped without a call */
  readonly handles: ReadonlySet<string>;
  apply(db: Database.Database, event: RecordedEvent): void;
}

export interface ProjectionSchema {
  /** `CREATE TABLE IF NOT EXISTS` statements, with anything `apply` relies on (an index it searches) */
  readonly tables: string;
  /** one `CREATE INDEX IF NOT EXISTS` statement per index that only the queries search */
  readonly indexes: readonly string[];
}

/** the `setup` of a projection with a `schema`: its tables, then their indexes */
export function setupSchema(schema: ProjectionSchema): (db: Database.Database) => void {
  return (db) => {
    db.exec(schema.tables);
    for (const index of schema.indexes) db.exec(index);
  };
}

/** before loading many events: the tables, without the indexes only the queries search */
export function setupTables(db: Database.Database, projection: Projection): void {
  if (projection.schema) db.exec(projection.schema.tables);
  else projection.setup(db);
}

/** once loaded: the indexes only the queries search (none for a projection without a `schema`) */
export function setupIndexes(db: Database.Database, projection: Projection): void {
  for (const index of projection.schema?.indexes ?? []) db.exec(index);
}
