import { Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Decider } from '../../domain/shared/decider';
import { CurrentRevision, EventStore } from '../../event-store/event-store.port';

/** How many folded streams a process keeps: a booking stream per child, families and programs fit. */
export const CACHED_STREAMS = 10_000;

/** A stream folded up to `revision`; `no_stream` when it has no event (the decider's initial state). */
export interface Folded<State> {
  state: State;
  revision: CurrentRevision;
}

/** What folding needs of a decider. */
export type Fold<Event, State> = Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>;

/**
 * Reads the events after `from` (the whole stream without it) and folds them onto its state.
 * Returns `from` itself when nothing was appended since.
 */
export async function foldStream<Event, State>(
  store: EventStore,
  streamId: string,
  decider: Fold<Event, State>,
  from: Folded<State> = { state: decider.initialState, revision: 'no_stream' },
): Promise<Folded<State>> {
  const fromRevision = from.revision === 'no_stream' ? 0 : from.revision + 1;
  const recorded = await store.readStream(streamId, { fromRevision });
  if (recorded.length === 0) return from;
  return {
    state: (recorded as unknown as Event[]).reduce(decider.evolve, from.state),
    revision: recorded[recorded.length - 1].revision,
  };
}

/**
 * The last folded state of each stream and its revision, so that a command or a fact reads only
 * the events appended since, not the whole stream. Never stale: every `load` reads the store
 * from the kept revision on, so an append by another process, or one this cache did not see, is
 * folded in. Safe because streams only grow and deciders are pure (`evolve` returns a new state
 * and never changes the one it is given: a kept state is shared by every caller).
 *
 * Entries are keyed by stream and decider (one decider per stream, but a state folded by one
 * decider must never reach another). The least recently used entry goes first.
 */
@Injectable()
export class FoldedStreams {
  private readonly entries: LRUCache<string, Folded<unknown>>;
  /** a number per decider object: the deciders are module constants, so the ids stay few */
  private readonly deciderIds = new WeakMap<object, number>();
  private nextDeciderId = 0;

  constructor(
    private readonly store: EventStore,
    /** Nest provides none: CACHED_STREAMS; a test gives a small one */
    @Optional() capacity: number = CACHED_STREAMS,
  ) {
    this.entries = new LRUCache({ max: capacity });
  }

  /** the stream as it stands now, folded with `decider` (pass the decider constant, not a new object) */
  async load<Event, State>(streamId: string, decider: Fold<Event, State>): Promise<Folded<State>> {
    const key = this.keyOf(streamId, decider);
    const kept = this.entries.get(key) as Folded<State> | undefined;
    const folded = await foldStream(this.store, streamId, decider, kept);
    this.keep(key, folded);
    return folded;
  }

  /**
   * Keeps a state the caller folded itself, e.g. after its append (the events it decided folded
   * onto the state it decided on, at the revision the store acknowledged). Only the latest
   * revision is kept: a slower, concurrent caller never brings an older state back.
   */
  remember<Event, State>(streamId: string, decider: Fold<Event, State>, folded: Folded<State>): void {
    this.keep(this.keyOf(streamId, decider), folded);
  }

  /** how many streams are kept */
  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, folded: Folded<unknown>): void {
    // a stream with no event: nothing worth keeping (an unknown id must not push others out)
    if (folded.revision === 'no_stream') return;
    const kept = this.entries.get(key);
    const latest =
      kept !== undefined && kept.revision !== 'no_stream' && kept.revision > folded.revision ? kept : folded;
    this.entries.set(key, latest);
  }

  private keyOf(streamId: string, decider: object): string {
    let id = this.deciderIds.get(decider);
    if (id === undefined) {
      id = this.nextDeciderId++;
      this.deciderIds.set(decider, id);
    }
    return `${id}/${streamId}`;
  }
}
