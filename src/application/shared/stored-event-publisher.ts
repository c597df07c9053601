import { Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EventStore, Subscription } from '../../event-store/event-store.port';
import { Checkpoints } from './checkpoints';
import { StoredEvent } from './stored-event';

const CHECKPOINT = '$event-bus';
const SAVE_EVERY = 500;
/** how often, at most, the checkpoint is moved over events of no declared type */
const SAVE_INTERVAL_MS = 1000;

/**
 * Publishes stored events to the Nest event bus from a durable checkpoint: an event reaches
 * handlers and sagas only once it is in the store, and events not yet handled when the process
 * died are published again at start-up (at least once; handlers and sagas are idempotent).
 * Only the types handlers and sagas declared (`ReactsTo`) are published: the store filters them,
 * so that the events of the rush are not read and parsed on the request thread for nobody.
 */
export class StoredEventPublisher {
  private readonly logger = new Logger('EventBus');
  private subscription?: Subscription;
  private saved?: { position: number; at: number };
  /** the position up to which every event of a declared type has been published */
  private handledThrough?: number;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: Checkpoints,
    private readonly bus: EventBus,
    private readonly eventTypes: readonly string[],
  ) {}

  async start(): Promise<void> {
    // a new bus starts at the head: what happened before it existed was handled by nobody then
    const after = this.checkpoints.get(CHECKPOINT) ?? (await this.store.headPosition()) ?? 0;
    this.save(after);
    this.logger.log(`publishes ${this.eventTypes.join(', ') || 'no event: no saga or handler declared a type'}`);
    // the checkpoint is saved when an event was published and every SAVE_EVERY events, not per
    // event: after a crash the events since are published again, which handlers and sagas take
    // (at least once); over events of other types it moves at most once a second
    let unsaved = 0;
    this.subscription = this.store.subscribeToAll({
      after,
      eventTypes: this.eventTypes,
      onEvent: async (event) => {
        await this.bus.publish(new StoredEvent(event));
        this.handledThrough = event.position;
        if (++unsaved >= SAVE_EVERY) {
          this.save(event.position);
          unsaved = 0;
        }
      },
      onCaughtUp: (position) => {
        if (position === undefined) return;
        this.handledThrough = position;
        const { saved } = this;
        if (unsaved > 0 || saved === undefined || Date.now() - saved.at >= SAVE_INTERVAL_MS) {
          if (position !== saved?.position) this.save(position);
          unsaved = 0;
        }
      },
      onError: (error) => this.logger.error(`event bus stopped: ${String(error)}`),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    const handled = this.handledThrough;
    if (handled !== undefined && handled !== this.saved?.position) this.save(handled);
  }

  private save(position: number): void {
    this.checkpoints.save(CHECKPOINT, position);
    this.saved = { position, at: Date.now() };
  }
}
