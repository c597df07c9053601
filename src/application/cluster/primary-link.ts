import cluster from 'node:cluster';
import { IpcChannel, IpcEndpoint } from './ipc-channel';

let link: IpcChannel | undefined;

/** In an HTTP worker process: the channel to the primary process (one per process). */
export function primaryLink(): IpcChannel {
  if (!cluster.isWorker) throw new Error('only an HTTP worker process of the cluster talks to a primary');
  link ??= new IpcChannel(process as unknown as IpcEndpoint);
  return link;
}
