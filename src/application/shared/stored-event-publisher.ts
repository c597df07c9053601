import { Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EventStore, Subscription } from '../../event-store/event-store.port';
import { ReadDatabase } from '../../projections/read-database';
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
    private readonly read: ReadDatabase,
    private readonly bus: EventBus,
  ) {}

  async start(): Promise<void> {
    const db = this.read.db;
    db.prepare('INSERT OR IGNORE INTO projection_checkpoints (name, version, position) VALUES (?, 1, NULL)').run(
      CHECKPOINT,
    );
    const row = db
      .prepare<[string], { position: number | null }>('SELECT position FROM projection_checkpoints WHERE name = ?')
      .get(CHECKPOINT);
    // a new bus starts at the head: what happened before it existed was handled by nobody then
    const after = row?.position ?? (await this.store.headPosition()) ?? 0;
    const save = db.prepare('UPDATE projection_checkpoints SET position = ? WHERE name = ?');
    save.run(after, CHECKPOINT);
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
          save.run(published, CHECKPOINT);
          unsaved = 0;
        }
      },
      onCaughtUp: () => {
        if (unsaved === 0) return;
        save.run(published, CHECKPOINT);
        unsaved = 0;
      },
      onError: (error) => this.logger.error(`event bus stopped: ${String(error)}`),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}
