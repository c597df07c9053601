import type { EventEmitter } from 'node:events';
import { RecordedEvent, SubscribeOptions, Subscription } from './event-store.port';

/** a page of `$all` as a subscription reads it */
export interface CatchUpPage {
  /** the wanted events of the page, in global order */
  events: RecordedEvent[];
  /** the last position the page looked through: past its last event when others were passed over */
  through: number | undefined;
  /** false when the page reached the end of what is stored */
  more: boolean;
}

export interface CatchUpSource {
  /**
   * Events after `after` (exclusive; undefined = from the start), in global order: at most
   * `maxCount`, of the given types only when `eventTypes` is given.
   */
  readPage(after: number | undefined, maxCount: number, eventTypes?: readonly string[]): Promise<CatchUpPage>;
  /** resolves when new events may have been appended (or after a poll interval, or on abort) */
  waitForMore(signal: AbortSignal): Promise<void>;
}

const PAGE_SIZE = 1000;

/**
 * A catch-up subscription shared by adapters that read pages of `$all`: it reads from the
 * checkpoint page by page, delivers each event once and in order (the next waits for the
 * handler), and when caught up waits for the next append. Live events are read the same way
 * as past ones, so there is no gap and no duplicate at the switch. With `eventTypes` the pages
 * hold only those, and the checkpoint moves over the events passed over.
 */
export function catchUpSubscription(options: SubscribeOptions, source: CatchUpSource): Subscription {
  const abort = new AbortController();
  let checkpoint = options.after;
  const loop = async () => {
    while (!abort.signal.aborted) {
      const page = await source.readPage(checkpoint, PAGE_SIZE, options.eventTypes);
      for (const event of page.events) {
        if (abort.signal.aborted) return;
        await options.onEvent(event);
        checkpoint = event.position;
      }
      if (abort.signal.aborted) return;
      checkpoint = page.through ?? checkpoint;
      if (!page.more) {
        options.onCaughtUp?.(checkpoint);
        await source.waitForMore(abort.signal);
      }
    }
  };
  const running = loop().catch((error: unknown) => {
    if (abort.signal.aborted) return;
    if (options.onError) options.onError(error);
    else throw error;
  });
  return {
    async stop() {
      abort.abort();
      await running;
    },
  };
}

/** a page of every type: it looked through its last event, and a full page may have more after it */
export function pageOf(events: RecordedEvent[], after: number | undefined, maxCount: number): CatchUpPage {
  return { events, through: events.at(-1)?.position ?? after, more: events.length >= maxCount };
}

/**
 * Resolves on the next `appended` signal of this process, on abort, or after `pollIntervalMs`
 * (the poll that finds events appended by another process).
 */
export function nextAppend(appended: EventEmitter, signal: AbortSignal, pollIntervalMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      appended.off('appended', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, pollIntervalMs);
    appended.on('appended', done);
    signal.addEventListener('abort', done);
  });
}
