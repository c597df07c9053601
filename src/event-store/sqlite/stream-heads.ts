import { LRUCache } from 'lru-cache';

/** how many streams' last revisions a store keeps (the least recently used go first) */
export const KEPT_STREAM_HEADS = 50_000;

/** the positions a write transaction added: those after `before`, up to `after` (equal: none) */
export interface CommittedSpan {
  before: number;
  after: number;
}

/**
 * The last revision of the streams this connection appended to or read, so that a read of the
 * events after a revision a caller already holds (`FoldedStreams`: nearly every command) is
 * answered without asking SQLite. Asking is not free: every commit of another connection — the
 * writer thread's too — empties this connection's page cache, and each such read then costs
 * about 20 µs (three per order).
 *
 * Never stale: a revision is trusted only while every event in the store is accounted for, i.e.
 * the store's head position is no further than the transactions this store committed itself
 * (their spans are contiguous: another process's commit in between shows as a gap and forgets
 * every revision). A head further on with none of our transactions unacknowledged is another
 * process's (a staff script, a cluster's primary): everything is forgotten and read again.
 */
export class StreamHeads {
  private readonly revisions: LRUCache<string, number>;
  /** every event up to this position is one this store committed, or came before what it knows */
  private accountedUpTo: number;
  /** transactions sent to the writer thread whose outcome has not come back */
  private unacknowledged = 0;

  constructor(headPosition: number, capacity = KEPT_STREAM_HEADS) {
    this.accountedUpTo = headPosition;
    this.revisions = new LRUCache({ max: capacity });
  }

  /** a transaction left for the writer thread: until it answers, an unknown head may be ours */
  sent(): void {
    this.unacknowledged++;
  }

  /** the writer thread answered (committed or failed) a transaction `sent` before */
  answered(): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - 1);
  }

  /** a transaction of ours committed: its span, and each stream's revision after it */
  committed(span: CommittedSpan, streams: ReadonlyArray<{ streamId: string; revision: number }>): void {
    if (span.after > this.accountedUpTo) {
      // another connection committed between our last transaction and this one
      if (span.before !== this.accountedUpTo) this.revisions.clear();
      this.accountedUpTo = span.after;
    }
    for (const { streamId, revision } of streams) this.learned(streamId, revision);
  }

  /** a stream's last revision as a read (or an append) found it; only ever moves forwards */
  learned(streamId: string, revision: number): void {
    const known = this.revisions.get(streamId);
    if (known === undefined || revision > known) this.revisions.set(streamId, revision);
  }

  /**
   * The stream's last revision, if it is known and the store holds nothing unaccounted for at
   * `headPosition` (the store's head read now); undefined: read the store.
   */
  lastRevision(streamId: string, headPosition: number): number | undefined {
    if (headPosition > this.accountedUpTo) {
      // one of our transactions may have committed without its answer yet: ask the store this time
      if (this.unacknowledged > 0) return undefined;
      this.revisions.clear();
      this.accountedUpTo = headPosition;
      return undefined;
    }
    return this.revisions.get(streamId);
  }

  /** how many streams' revisions are kept */
  get size(): number {
    return this.revisions.size;
  }
}
