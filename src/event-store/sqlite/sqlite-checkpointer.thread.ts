/**
 * The embedded store's checkpointer thread: on its own connection it copies what the write-ahead
 * log holds into the store's file (a PASSIVE checkpoint: it never waits for, nor blocks, the
 * writer or a reader), whenever the writer thread says it committed. See `WalCheckpointer`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { nameThisThread } from '../built-script';
import { CHECKPOINTER_THREAD_NAME, type CheckpointerData, type ToCheckpointer } from './sqlite-checkpointer';

function main(port: NonNullable<typeof parentPort>, data: CheckpointerData): void {
  nameThisThread(CHECKPOINTER_THREAD_NAME);
  // the file is in WAL mode already (the writer opened it): nothing to set up
  const db = new Database(data.filename);
  port.on('message', (message: ToCheckpointer) => {
    if (message.type === 'close') {
      db.close();
      port.close();
      return;
    }
    db.pragma('wal_checkpoint(PASSIVE)');
  });
}

if (parentPort) main(parentPort, workerData as CheckpointerData);
