import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

/**
 * A fresh embedded store in its own temp directory for each test of the enclosing block, closed
 * and removed after the test. Read `store` inside the tests (it changes for each).
 */
export function aTempStorePerTest(prefix: string): { readonly store: SqliteEventStore; readonly dir: string } {
  let dir = '';
  let store: SqliteEventStore | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get store() {
      if (store === undefined) throw new Error('the temp store exists only inside a test');
      return store;
    },
    /** the test's temp directory, for other files of the test (removed with it) */
    get dir() {
      if (dir === '') throw new Error('the temp directory exists only inside a test');
      return dir;
    },
  };
}
