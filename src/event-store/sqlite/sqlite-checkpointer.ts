import { Worker } from 'node:worker_threads';
import { builtScript, closeThread } from '../built-script';

export interface CheckpointerData {
  filename: string;
}

/** the checkpointer thread's name for the operating system (`nameThisThread`) */
export const CHECKPOINTER_THREAD_NAME = 'store-checkpt';

export type ToCheckpointer = { type: 'checkpoint' } | { type: 'close' };

/** how often, at most, the checkpointer is asked to copy the log into the file */
export const CHECKPOINT_EVERY_MS = 100;

/**
 * The write-ahead log's pages past which the writer's own connection checkpoints after its
 * commits (SQLite's automatic checkpoint, at 1,000 pages by default): only when the checkpointer
 * has stopped, or when writes follow each other so closely that the log is never found fully
 * copied at the start of a transaction, which is when SQLite writes it again from its start.
 * Such a checkpoint copies only what the checkpointer has not. 16 MB with 4 KiB pages.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 4_000;

/**
 * Copies the store's write-ahead log into its file on a thread of its own
 * (`sqlite-checkpointer.thread.ts`), so that the writer's commits never do it. Left to SQLite,
 * the commit that takes the log past 1,000 pages copies them and syncs the file before it
 * returns: in the opening rush one commit in twenty took 12–40 ms instead of about 4, and every
 * order of its wave waited for it. Durability is the log's (each commit is synced there first);
 * a checkpoint only moves committed pages, and SQLite makes it safe to interrupt.
 *
 * Asked at most every `everyMs` after a commit, so the last commits of a burst may stay in the
 * log until the next one (or the last connection's close). If the thread stops, it is not started
 * again: the writer's automatic checkpoint (`WRITER_AUTOCHECKPOINT_PAGES`) bounds the log.
 */
export class WalCheckpointer {
  private worker?: Worker;
  private stopped = false;
  private lastAsked = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly filename: string,
    private readonly script = builtScript(__filename, 'sqlite-checkpointer.thread.js'),
    private readonly everyMs = CHECKPOINT_EVERY_MS,
  ) {}

  /** the writer committed: a checkpoint is asked for unless one was, less than `everyMs` ago */
  committed(): void {
    if (this.stopped) return;
    const now = performance.now();
    if (now - this.lastAsked < this.everyMs) return;
    this.lastAsked = now;
    (this.worker ?? this.spawn()).postMessage({ type: 'checkpoint' } satisfies ToCheckpointer);
  }

  /** lets the thread finish its checkpoint, then stops it */
  async close(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    await closeThread(worker, { type: 'close' } satisfies ToCheckpointer);
  }

  private spawn(): Worker {
    const data: CheckpointerData = { filename: this.filename };
    const worker = new Worker(this.script, { workerData: data, name: 'event-store-checkpointer' });
    // never what keeps the process alive: the writer closes it
    worker.unref();
    // an error ends the thread ('exit' follows): the writer's own checkpoints take over
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.stopped = true;
    });
    this.worker = worker;
    return worker;
  }
}
