import Database from 'better-sqlite3';

/**
 * The SQLite file of the read models. It can be deleted at any time: every read model is
 * rebuilt from the events. `synchronous=NORMAL` is enough here for the same reason.
 */
export class ReadDatabase {
  readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    // a new file only (an existing one keeps its page size): rows of reservations are wide, and a
    // rebuild writes every page twice (log, then database), so fewer, larger pages write faster
    this.db.pragma('page_size = 8192');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // read models are rebuilt and updated in large batches: keep their pages in memory
    this.db.pragma('cache_size = -131072');
    this.db.pragma('temp_store = MEMORY');
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER
    ) WITHOUT ROWID`);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
