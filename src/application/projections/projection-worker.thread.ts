/**
 * The read-model worker thread: the projections of `allProjections()` fed from its own
 * connection to the store, writing its own connection to the read database. The request
 * thread only reads the read models; it tells this thread when it appended and hears back the
 * position the read models reached (see `ProjectionWorker`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getPriority, setPriority } from 'node:os';
import { join } from 'node:path';
import { nameThisThread } from '../../event-store/built-script';
import type { EventStore } from '../../event-store/event-store.port';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../projections/all-projections';
import { ReadDatabase } from '../../projections/read-database';
import { ProjectionRunner } from './projection-runner';
import {
  READ_MODELS_THREAD_NAME,
  type FromWorker,
  type ProjectionWorkerData,
  type ThreadPriority,
  type ToWorker,
} from './projection-worker.messages';

/**
 * Lowers this thread's scheduling priority by `niceness`. On Linux a thread is a task of its own
 * and setpriority(2) with pid 0 changes the calling thread only; elsewhere it would lower the
 * whole process, request thread included, so the thread keeps the process's priority there.
 */
function lowerPriority(niceness: number): ThreadPriority {
  if (niceness === 0) return { kept: 'READ_MODELS_NICENESS is 0' };
  if (process.platform !== 'linux') return { kept: `threads have no priority of their own on ${process.platform}` };
  try {
    setPriority(0, Math.max(getPriority(0), niceness));
    return { nice: getPriority(0) };
  } catch (error) {
    return { kept: String(error) };
  }
}

async function openStore(data: ProjectionWorkerData): Promise<EventStore> {
  if (data.eventStoreConnectionString) {
    const { EventStoreDbStore } = await import('../../event-store/eventstoredb/esdb-event-store');
    return new EventStoreDbStore(data.eventStoreConnectionString);
  }
  // the request thread wakes this one after each append; the poll only finds appends of other processes
  return new SqliteEventStore(join(data.dataDir, 'events.sqlite'), { pollIntervalMs: 1000 });
}

async function main(port: NonNullable<typeof parentPort>, data: ProjectionWorkerData): Promise<void> {
  const send = (message: FromWorker) => port.postMessage(message);
  nameThisThread(READ_MODELS_THREAD_NAME);
  const priority = lowerPriority(data.niceness ?? 0);
  const store = await openStore(data);
  const read = new ReadDatabase(join(data.dataDir, 'read-models.sqlite'));
  const runner = new ProjectionRunner(store, read, allProjections(), {
    maxDelayMs: data.maxDelayMs,
    logger: {
      log: (message) => send({ type: 'log', level: 'log', message }),
      error: (message) => send({ type: 'log', level: 'error', message }),
    },
  });
  runner.onAdvanced((position) => send({ type: 'advanced', position }));
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'appended':
        store.notifyAppended();
        return;
      case 'wanted':
        runner.want(message.position);
        return;
      case 'rebuild':
        runner.rebuild().then(
          (events) => send({ type: 'rebuilt', events }),
          (error: unknown) => send({ type: 'failed', message: String(error) }),
        );
        return;
      case 'stop':
        void runner
          .stop()
          .then(() => store.close())
          .then(() => read.close())
          .finally(() => {
            send({ type: 'stopped' });
            port.close();
          });
        return;
    }
  });
  await runner.start();
  send({ type: 'started', position: runner.checkpoint, priority });
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as ProjectionWorkerData).catch((error: unknown) => {
    port.postMessage({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  });
}
