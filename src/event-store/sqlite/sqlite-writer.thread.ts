/**
 * The embedded store's writer thread: it holds the only connection that writes the store's file
 * and commits the appends the owning thread sends, those that arrive together in one transaction
 * (group commit), then answers each with its outcome. See `SqliteWriterThread`. The log is
 * copied into the file by a thread of its own, not by the commits (`WalCheckpointer`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nameThisThread } from '../built-script';
import { openEventsDatabase, SqliteAppender } from './sqlite-appender';
import { WalCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer';
import {
  errorToWire,
  toWire,
  WRITER_THREAD_NAME,
  type FromWriter,
  type ToWriter,
  type WriterData,
} from './sqlite-writer.messages';

function main(port: NonNullable<typeof parentPort>, data: WriterData): void {
  nameThisThread(WRITER_THREAD_NAME);
  const db = openEventsDatabase(data.filename);
  db.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = new WalCheckpointer(data.filename);
  const appender = new SqliteAppender(db);
  let queue: Array<Extract<ToWriter, { type: 'append' }>> = [];
  let scheduled = false;

  const commit = () => {
    scheduled = false;
    const requests = queue;
    queue = [];
    // a close committed them already
    if (requests.length === 0) return;
    const appends = requests.flatMap((request) => request.appends);
    let answers: FromWriter[];
    try {
      const committed = appender.appendBatch(appends);
      const outcomes = committed.outcomes.map(toWire);
      let next = 0;
      // the requests committed together share the transaction's span
      answers = requests.map((request) => ({
        type: 'committed',
        id: request.id,
        outcomes: outcomes.slice(next, (next += request.appends.length)),
        span: committed.span,
      }));
    } catch (error) {
      answers = requests.map((request) => ({ type: 'failed', id: request.id, error: errorToWire(error) }));
    }
    for (const answer of answers) port.postMessage(answer);
    checkpointer.committed();
  };

  port.on('message', (message: ToWriter) => {
    if (message.type === 'close') {
      if (queue.length > 0) commit();
      void checkpointer.close().then(() => {
        db.close();
        port.close();
      });
      return;
    }
    queue.push(message);
    if (!scheduled) {
      scheduled = true;
      // the requests that arrive while a commit waits for the disk are committed together
      setImmediate(commit);
    }
  });
}

if (parentPort) main(parentPort, workerData as WriterData);
