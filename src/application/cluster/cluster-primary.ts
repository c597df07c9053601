import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { EventStore } from '../../event-store/event-store.port';
import { Metrics } from '../metrics/metrics';
import { ReadModels } from '../projections/read-models';
import { IpcChannel } from './ipc-channel';
import { AppendRequest, appendForWorker } from './primary-written-event-store';
import type { ThrottleRequest } from './primary-throttler-storage';

const RESTART_DELAY_MS = 500;
const STOP_TIMEOUT_MS = 10_000;

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * The primary process of a cluster: the one writer of the embedded store, the read models (on
 * its read-model thread), the event bus and the allocation saga. It serves no HTTP itself: it
 * forks `workers` HTTP worker processes (Node's cluster shares the port among them), answers
 * their appends, sign-in counters and metrics, tells them each position the read models reach,
 * and starts a worker again when one dies.
 */
export function runPrimary(app: INestApplicationContext, workers: number, logger: LoggerService): void {
  const store = app.get(EventStore);
  const readModels = app.get(ReadModels);
  const throttler = app.get<ThrottlerStorage>(ThrottlerStorage, { strict: false });
  const metrics = app.get(Metrics);
  const channels = new Map<Worker, IpcChannel>();
  let stopping = false;

  cluster.setupPrimary({ serialization: 'advanced' });

  const fork = () => {
    const worker = cluster.fork();
    const channel = new IpcChannel(worker);
    channels.set(worker, channel);
    channel.handle('append', (request: AppendRequest) => appendForWorker(store, request));
    channel.handle('checkpoint', () => readModels.checkpoint);
    channel.on('wanted', (position: number) => readModels.want(position));
    channel.handle('throttle', (r: ThrottleRequest) =>
      throttler.increment(r.key, r.ttl, r.limit, r.blockDuration, r.throttlerName),
    );
    channel.handle('metrics', async () => {
      const own = await metrics.registry.getMetricsAsJSON();
      const theirs = await Promise.all([...channels.values()].map((c) => c.request<MetricsJson>('metrics-json')));
      return AggregatorRegistry.aggregate([own, ...theirs]).metrics();
    });
  };

  readModels.onAdvanced((position) => {
    for (const channel of channels.values()) channel.notify('advanced', position);
  });

  cluster.on('exit', (worker, code, signal) => {
    channels.get(worker)?.close('the worker process is gone');
    channels.delete(worker);
    if (stopping) return;
    logger.error(
      `HTTP worker ${worker.process.pid} exited (${signal ?? code}); starting another`,
      undefined,
      'Cluster',
    );
    setTimeout(() => stopping || fork(), RESTART_DELAY_MS);
  });

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping ${channels.size} HTTP workers, then the primary`, 'Cluster');
    const exited = [...channels.keys()].map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    for (const worker of channels.keys()) worker.process.kill('SIGTERM');
    await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  for (let i = 0; i < workers; i++) fork();
  logger.log(`primary ${process.pid}: ${workers} HTTP workers`, 'Cluster');
}
