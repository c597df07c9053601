import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  ReadPosition,
  excludeSystemEvents,
} from '@eventstore/db-client';
import { EventEmitter } from 'node:events';
import { catchUpSubscription, nextAppend, pageOf } from '../catch-up-subscription';
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
} from '../event-store.port';
import {
  fromClientAppendResult,
  fromClientError,
  fromClientEvent,
  isStreamNotFound,
  selectFromAll,
  toClientEvent,
  toClientExpectedRevision,
  toClientReadPosition,
  toClientReadRevision,
} from './esdb-mapping';

export interface EventStoreDbStoreOptions {
  /** the longest an idle subscriber waits before reading `$all` again if no append was signalled */
  pollIntervalMs?: number;
  /** how long `health()` waits for the server */
  healthTimeoutMs?: number;
}

const PAGE_SIZE = 1000;

/**
 * The event store on EventStoreDB, through @eventstore/db-client (gRPC). Thin: the server
 * checks expected revisions, recognises retried appends by their event ids and orders `$all`;
 * esdb-mapping.ts translates, and this class moves data.
 *
 * Subscriptions reuse `catchUpSubscription` over pages of `$all`, not the client's subscription.
 * Exactly once and in order: each page is read from the last delivered position with the port's
 * exclusive checkpoint (`selectFromAll`), and the next event waits for the handler. No gap: `$all`
 * shows only what the server has indexed, and it indexes in log order, so a page never misses an
 * event that a later page would show. And `onCaughtUp` is exact (a short page), which the
 * client's subscription cannot give: its stream buffers events ahead of the handler, and its
 * "caught up" signal arrives before the buffered events are handled. Idle subscribers are woken
 * by this instance's appends and by one live subscription to `$all` (appends of other
 * instances), with a poll as the backstop.
 */
export class EventStoreDbStore extends EventStore {
  private readonly client: EventStoreDBClient;
  private readonly endpoint: string;
  private readonly pollIntervalMs: number;
  private readonly healthTimeoutMs: number;
  private readonly appended = new EventEmitter();
  private appends = 0;
  private doorbell?: AllStreamSubscription;
  private closed = false;

  constructor(connectionString: string, options: EventStoreDbStoreOptions = {}) {
    super();
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.endpoint = connectionString.replace(/\/\/[^@/]*@/, '//');
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 2000;
    this.appended.setMaxListeners(0);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new Error('an append needs at least one event');
    const { expectedRevision } = options;
    let written: ReturnType<typeof fromClientAppendResult>;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toClientEvent), {
        expectedRevision: toClientExpectedRevision(expectedRevision),
      });
      written = fromClientAppendResult(result);
    } catch (error) {
      throw fromClientError(error, streamId, expectedRevision);
    }
    this.signalAppend();
    const position = written.position ?? (await this.positionOfRevision(streamId, written.nextExpectedRevision));
    return { nextExpectedRevision: written.nextExpectedRevision, position };
  }

  /** for a retried append, which the server may acknowledge with no position */
  private async positionOfRevision(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`stream ${streamId} has no revision ${revision} after an append`);
    return event.position;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromRevision: toClientReadRevision(options.fromRevision, direction),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(fromClientEvent(resolved.event));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /**
   * `$all` holds the server's own events too, which the port does not show: pages are read until
   * `maxCount` of the application's events are found or `$all` ends. One more event than needed is
   * asked for, as a forwards read repeats the event at its starting position.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    let checkpoint = options.after;
    let from: ReadPosition = toClientReadPosition(checkpoint, direction);
    while (events.length < max) {
      const count = Math.min(max - events.length, PAGE_SIZE) + 1;
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({
        direction: direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromPosition: from,
        maxCount: count,
      })) {
        page.push(resolved);
      }
      const selected = selectFromAll(page, checkpoint, direction);
      events.push(...selected.events);
      const last = page.at(-1)?.event?.position;
      if (page.length < count || !last) break;
      checkpoint = selected.checkpoint;
      from = last;
    }
    return events.slice(0, max);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    let appendsSeen = this.appends;
    return catchUpSubscription(options, {
      readPage: async (after, maxCount, eventTypes) => {
        appendsSeen = this.appends;
        const page = pageOf(await this.readAll({ after, maxCount }), after, maxCount);
        if (eventTypes === undefined) return page;
        // the client reads `$all` without a filter (it has them for subscriptions only): kept here
        const wanted = new Set(eventTypes);
        return { ...page, events: page.events.filter((event) => wanted.has(event.type)) };
      },
      waitForMore: (signal) => {
        if (this.appends !== appendsSeen || signal.aborted) return Promise.resolve();
        this.listenForAppends();
        return nextAppend(this.appended, signal, this.pollIntervalMs);
      },
    });
  }

  async headPosition(): Promise<number | undefined> {
    const [last] = await this.readAll({ direction: 'backwards', maxCount: 1 });
    return last?.position;
  }

  async health(): Promise<StoreHealth> {
    if (this.closed) return { store: 'eventstoredb', up: false, detail: `${this.endpoint}: closed` };
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    try {
      // reads of `$all` have no deadline in the client: the timeout is ours
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${this.healthTimeoutMs} ms`)),
          this.healthTimeoutMs,
        );
      });
      await Promise.race([read.toArray(), timeout]);
      return { store: 'eventstoredb', up: true, detail: this.endpoint };
    } catch (error) {
      void read.cancel().catch(() => undefined);
      return {
        store: 'eventstoredb',
        up: false,
        detail: `${this.endpoint}: ${error instanceof Error ? error.message : String(error)}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalAppend();
    const doorbell = this.doorbell;
    this.doorbell = undefined;
    await doorbell?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }

  private signalAppend(): void {
    this.appends += 1;
    this.appended.emit('appended');
  }

  /**
   * One live subscription to `$all`, from its end, shared by the idle subscribers of this store:
   * it only wakes them up (they read the events themselves). If it fails, the poll takes over
   * until the next subscriber waits and starts it again.
   */
  private listenForAppends(): void {
    if (this.doorbell || this.closed) return;
    const doorbell = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    const drop = () => {
      if (this.doorbell === doorbell) this.doorbell = undefined;
    };
    doorbell.on('data', () => this.signalAppend());
    doorbell.on('error', drop);
    doorbell.on('close', drop);
    this.doorbell = doorbell;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}
