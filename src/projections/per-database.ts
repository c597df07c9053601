import type Database from 'better-sqlite3';

/**
 * Prepared once per connection and kept as long as it lives: a rebuild applies tens of thousands
 * of events, and a point-in-time report replays them into a connection of its own.
 */
export function perDatabase<T>(prepare: (db: Database.Database) => T): (db: Database.Database) => T {
  const cache = new WeakMap<Database.Database, T>();
  return (db) => {
    let prepared = cache.get(db);
    if (prepared === undefined) {
      prepared = prepare(db);
      cache.set(db, prepared);
    }
    return prepared;
  };
}
