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
} from './event-store.port';

/** A store that hands every call to `inner`: decorators (timing, another writer, tests) override what they change. */
export class DelegatingEventStore extends EventStore {
  constructor(protected readonly inner: EventStore) {
    super();
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options);
  }
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }
  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }
  headPosition(): Promise<number | undefined> {
    return this.inner.headPosition();
  }
  health(): Promise<StoreHealth> {
    return this.inner.health();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  override onAppended(listener: () => void): () => void {
    return this.inner.onAppended(listener);
  }
  override notifyAppended(): void {
    this.inner.notifyAppended();
  }
}
