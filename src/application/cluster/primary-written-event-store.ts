import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreHealth,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../../event-store/event-store.port';
import { IpcChannel, RemoteError } from './ipc-channel';

export interface AppendRequest {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
}

/**
 * The embedded store as an HTTP worker process sees it: it reads the SQLite file on its own
 * connection (WAL: readers never wait), and sends every append to the primary process, the one
 * writer, which checks the expected revision and group-commits. So every rule that rests on
 * expected revisions holds across workers as it does in one process.
 */
export class PrimaryWrittenEventStore extends EventStore {
  constructor(
    private readonly local: EventStore,
    private readonly primary: IpcChannel,
  ) {
    super();
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const request: AppendRequest = { streamId, events, expectedRevision: options.expectedRevision };
    try {
      return await this.primary.request<AppendResult>('append', request);
    } catch (error) {
      if (error instanceof RemoteError && error.remoteName === 'WrongExpectedRevisionError') {
        const { expected, actual } = error.details as { expected: ExpectedRevision; actual: number | 'no_stream' };
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.local.readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.local.readAll(options);
  }
  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.local.subscribeToAll(options);
  }
  headPosition(): Promise<number | undefined> {
    return this.local.headPosition();
  }
  health(): Promise<StoreHealth> {
    return this.local.health();
  }
  close(): Promise<void> {
    return this.local.close();
  }
}

/** the primary's side of `append`: a conflict goes back with what the worker needs to rebuild it */
export async function appendForWorker(store: EventStore, request: AppendRequest): Promise<AppendResult> {
  try {
    return await store.appendToStream(request.streamId, request.events, { expectedRevision: request.expectedRevision });
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) {
      throw Object.assign(new Error(error.message), {
        name: 'WrongExpectedRevisionError',
        details: { expected: error.expected, actual: error.actual },
      });
    }
    throw error;
  }
}
