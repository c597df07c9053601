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
import { Metrics } from './metrics';

/** Times every append (the figure staff watch during the opening rush); delegates the rest. */
export class InstrumentedEventStore extends EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const stop = this.metrics.appendDuration.startTimer();
    try {
      const result = await this.inner.appendToStream(streamId, events, options);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'error' });
      throw error;
    }
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
