import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { builtScript } from '../../event-store/built-script';
import type { EventStore } from '../../event-store/event-store.port';
import type { FromWorker, ProjectionWorkerData, ThreadPriority, ToWorker } from './projection-worker.messages';
import { PositionWaiters, ReadModels } from './read-models';

const RESTART_DELAY_MS = 1000;

/**
 * The read models updated on a worker thread, so that the request thread spends the rush on
 * requests: it appends, tells the worker, and waits for the position the worker reports before
 * answering (read your writes). The worker writes the read database on its own connection; this
 * thread reads it on another (SQLite WAL: readers never wait for the writer). If the worker
 * dies, it is started again and resumes from its checkpoints; requests meanwhile still succeed
 * (their events are durable), and `/health` shows the lag.
 */
export class ProjectionWorker extends ReadModels {
  private readonly logger = new Logger('Projections');
  private worker?: Worker;
  private readonly waiters = new PositionWaiters((position) => this.want(position));
  private stopping = false;
  private stopAppends?: () => void;
  private pendingRebuild?: { resolve: (events: number) => void; reject: (error: Error) => void };
  private threadPriority?: ThreadPriority;

  constructor(
    private readonly store: EventStore,
    private readonly data: ProjectionWorkerData,
    private readonly script = projectionWorkerScript(),
  ) {
    super();
  }

  override async start(): Promise<void> {
    this.stopping = false;
    await this.spawn();
    // at once, from the group commit itself: the worker applies while this thread goes on with requests
    this.stopAppends = this.store.onAppended(() => this.send({ type: 'appended' }));
  }

  override async stop(): Promise<void> {
    this.stopping = true;
    this.stopAppends?.();
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await stopped;
    clearTimeout(timer);
    this.worker = undefined;
  }

  /** the thread's priority as it reported it on start (undefined until it started) */
  get priority(): ThreadPriority | undefined {
    return this.threadPriority;
  }

  override get checkpoint(): number {
    return this.waiters.position;
  }

  override waitFor(position: number | undefined, timeoutMs = 10_000): Promise<void> {
    return this.waiters.wait(position, timeoutMs);
  }

  override want(position: number): void {
    this.send({ type: 'wanted', position });
  }

  override rebuild(): Promise<number> {
    if (this.pendingRebuild) return Promise.reject(new Error('a rebuild is already running'));
    return new Promise((resolve, reject) => {
      this.pendingRebuild = { resolve, reject };
      this.send({ type: 'rebuild' });
    });
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  /** starts the worker; resolves once it caught up with the store */
  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      let started = false;
      const worker = new Worker(this.script, { workerData: this.data, name: 'read-models' });
      this.worker = worker;
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'started':
            started = true;
            this.reportPriority(message.priority);
            this.advance(message.position);
            resolve();
            return;
          case 'advanced':
            this.advance(message.position);
            return;
          case 'rebuilt':
            this.pendingRebuild?.resolve(message.events);
            this.pendingRebuild = undefined;
            return;
          case 'log':
            if (message.level === 'error') this.logger.error(message.message);
            else this.logger.log(message.message);
            return;
          case 'failed':
            this.logger.error(`read-model worker: ${message.message}`);
            this.pendingRebuild?.reject(new Error(message.message));
            this.pendingRebuild = undefined;
            if (!started) reject(new Error(`the read models could not start: ${message.message}`));
            return;
          case 'stopped':
            return;
        }
      });
      worker.on('error', (error) => {
        this.logger.error(`read-model worker: ${error.stack ?? error.message}`);
        if (!started) reject(error);
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        if (this.stopping || !started) return;
        this.logger.error(`read-model worker exited (code ${code}); starting it again in ${RESTART_DELAY_MS} ms`);
        setTimeout(() => {
          if (this.stopping) return;
          this.spawn().catch((error: unknown) => this.logger.error(String(error)));
        }, RESTART_DELAY_MS).unref();
      });
    });
  }

  private advance(position: number): void {
    this.waiters.reach(position);
    this.announce(position);
  }

  private reportPriority(priority: ThreadPriority): void {
    this.threadPriority = priority;
    if ('nice' in priority) this.logger.log(`read-model thread at nice ${priority.nice}: requests get a core first`);
    else this.logger.log(`read-model thread at the process's priority: ${priority.kept}`);
  }
}

/** the worker's compiled script (see `builtScript`) */
export function projectionWorkerScript(): string {
  return builtScript(__filename, 'projection-worker.thread.js');
}
