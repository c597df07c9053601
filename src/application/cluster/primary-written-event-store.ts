import { DelegatingEventStore } from '../../event-store/delegating-event-store';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
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
export class PrimaryWrittenEventStore extends DelegatingEventStore {
  constructor(
    local: EventStore,
    private readonly primary: IpcChannel,
  ) {
    super(local);
  }

  override async appendToStream(
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
