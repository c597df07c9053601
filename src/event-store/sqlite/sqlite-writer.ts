import { Worker } from 'node:worker_threads';
import { builtScript, closeThread } from '../built-script';
import type { AppendRequest, CommittedBatch } from './sqlite-appender';
import { fromWire, type FromWriter, type ToWriter, type WriterData } from './sqlite-writer.messages';

interface Waiter {
  resolve: (committed: CommittedBatch) => void;
  reject: (error: Error) => void;
}

/**
 * Commits appends on a thread of its own (`sqlite-writer.thread.ts`), so that the thread that
 * serves requests never waits for the disk: a commit with `synchronous=FULL` blocks its thread
 * for the fsync, during which a request thread could serve others. Outcomes come back once the
 * transaction is committed, as they would inline. If the thread stops, the appends it was given
 * are refused (their outcome is unknown) and the next append starts it again.
 */
export class SqliteWriterThread {
  private worker?: Worker;
  private nextId = 0;
  private readonly waiters = new Map<number, Waiter>();
  /** called when the last waiter is answered (a close waits for it) */
  private drained?: () => void;

  constructor(
    private readonly filename: string,
    private readonly script = builtScript(__filename, 'sqlite-writer.thread.js'),
  ) {}

  commit(appends: AppendRequest[]): Promise<CommittedBatch> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise<CommittedBatch>((resolve, reject) => {
      this.waiters.set(id, { resolve, reject });
      // held while it has work: an idle writer does not keep the process alive
      if (this.waiters.size === 1) worker.ref();
      worker.postMessage({ type: 'append', id, appends } satisfies ToWriter);
    });
  }

  /** waits for the appends given so far, then stops the thread */
  async close(): Promise<void> {
    if (this.waiters.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    // held until it has closed the file: nothing else may keep the process alive meanwhile
    await closeThread(worker, { type: 'close' } satisfies ToWriter);
  }

  private spawn(): Worker {
    const data: WriterData = { filename: this.filename };
    const worker = new Worker(this.script, { workerData: data, name: 'event-store-writer' });
    worker.unref();
    worker.on('message', (message: FromWriter) => {
      const waiter = this.waiters.get(message.id);
      if (!waiter) return;
      this.waiters.delete(message.id);
      if (this.waiters.size === 0) {
        worker.unref();
        this.drained?.();
      }
      if (message.type === 'failed') waiter.reject(fromWire(message.error));
      else
        waiter.resolve({
          outcomes: message.outcomes.map((o) => (o.ok ? o : { ok: false, error: fromWire(o.error) })),
          span: message.span,
        });
    });
    const stopped = (why: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiters.values()) {
        waiter.reject(new Error(`the event store's writer stopped (${why}): the append may not be stored`));
      }
      this.waiters.clear();
      this.drained?.();
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
