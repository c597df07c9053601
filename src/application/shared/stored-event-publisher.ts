import { Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EventStore, Subscription } from '../../event-store/event-store.port';
import { Checkpoints } from './checkpoints';
import { StoredEvent } from './stored-event';

const CHECKPOINT = '$event-bus';
const SAVE_EVERY = 500;

/**
 * Publishes stored events to the Nest event bus from a durable checkpoint: an event reaches
 * handlers and sagas only once it is in the store, and events not yet handled when the process
 * died are published again at start-up (at least once; handlers and sagas are idempotent).
 */
export class StoredEventPublisher {
  private readonly logger = new Logger('EventBus');
  private subscription?: Subscription;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: Checkpoints,
    private readonly bus: EventBus,
  ) {}

  async start(): Promise<void> {
    // a new bus starts at the head: what happened before it existed was handled by nobody then
    const after = this.checkpoints.get(CHECKPOINT) ?? (await this.store.headPosition()) ?? 0;
    const save = (position: number) => this.checkpoints.save(CHECKPOINT, position);
    save(after);
    // the checkpoint is saved when caught up and every SAVE_EVERY events, not per event: after a
    // crash the events since are published again, which handlers and sagas take (at least once)
    let published = after;
    let unsaved = 0;
    this.subscription = this.store.subscribeToAll({
      after,
      onEvent: async (event) => {
        await this.bus.publish(new StoredEvent(event));
        published = event.position;
        if (++unsaved >= SAVE_EVERY) {
          save(published);
          unsaved = 0;
        }
      },
      onCaughtUp: () => {
        if (unsaved === 0) return;
        save(published);
        unsaved = 0;
      },
      onError: (error) => this.logger.error(`event bus stopped: ${String(error)}`),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}
