import Database from 'better-sqlite3';

/**
 * Positions saved by followers of the store that are not read models (the event bus): in a file
 * of their own, so that the request thread never waits for the read-model writer's lock, and
 * so that deleting the read models (always allowed: they are rebuilt) does not lose them.
 */
export class Checkpoints {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], { position: number }>;
  private readonly upsert: Database.Statement<[string, number]>;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID',
    );
    this.select = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.upsert = this.db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
  }

  get(name: string): number | undefined {
    return this.select.get(name)?.position;
  }

  save(name: string, position: number): void {
    this.upsert.run(name, position);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
