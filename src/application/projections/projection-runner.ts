import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EventStore, RecordedEvent, Subscription } from '../../event-store/event-store.port';
import { Projection, setupIndexes, setupTables } from '../../projections/projection';
import { ReadDatabase } from '../../projections/read-database';
import { PositionWaiters, ReadModels, RunnerLog } from './read-models';

/** live events: at most this many per transaction */
const BATCH = 5000;
/**
 * Catching up (a start, a rebuild): at most this many per transaction (about 100 MB of events in
 * memory). Events update random keys of large B-trees: a commit writes nearly every page of
 * them, so fewer, larger commits write each page fewer times.
 */
const CATCH_UP_BATCH = 100_000;
/**
 * Catching up, the write-ahead log is copied into the database once it holds this many pages
 * (256 MB at 8 KiB) and at the end, rather than at each commit past 1,000 pages: a catch-up
 * rewrites most pages at every commit, and copying them each time cost as much as writing them.
 */
const CATCH_UP_WAL_PAGES = 32_768;

/**
 * Feeds every projection from the store. On start each projection whose version changed is
 * dropped and rebuilt; the runner catches up with the store from the lowest checkpoint, creates
 * the indexes the projections' queries search (after the load: one sort per index), then one
 * subscription applies live events in batches, one transaction per batch holding the read-model
 * writes and the checkpoints.
 *
 * A live batch is written as soon as someone waits for one of its events (`want`, which
 * `waitFor` calls: read your writes, a query), else once its first event is `maxDelayMs` old.
 * Events update random keys of large B-trees, so a transaction writes about one page per row it
 * touches, whatever its size: while orders pour in and nobody reads, a few large transactions
 * write far fewer pages than one per group commit (docs/performance.md). 0: every batch at once.
 */
export class ProjectionRunner extends ReadModels {
  private readonly logger: RunnerLog;
  private subscription?: Subscription;
  private checkpoints = new Map<string, number>();
  private position = 0;
  private readonly waiters = new PositionWaiters((position) => this.want(position));
  private pending: RecordedEvent[] = [];
  private failure?: unknown;
  private updateCheckpoint?: Database.Statement<[number, string]>;
  private readonly maxDelayMs: number;
  /** the highest position someone waits for */
  private wanted = 0;
  /** writes the pending batch once its first event is `maxDelayMs` old */
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly read: ReadDatabase,
    private readonly projections: readonly Projection[],
    options: { logger?: RunnerLog; maxDelayMs?: number } = {},
  ) {
    super();
    this.logger = options.logger ?? new Logger('Projections');
    this.maxDelayMs = options.maxDelayMs ?? 0;
  }

  /** prepare the tables and catch up with everything stored, then follow live events */
  override async start(): Promise<void> {
    this.prepare();
    await this.load();
    this.subscription = this.store.subscribeToAll({
      after: this.position,
      onEvent: (event) => {
        this.pending.push(event);
        if (this.pending.length >= BATCH) this.flush();
      },
      onCaughtUp: () => this.caughtUp(),
      onError: (error) => {
        this.failure = error;
        this.logger.error(`projections stopped: ${String(error)}`);
      },
    });
  }

  override async stop(): Promise<void> {
    await this.subscription?.stop();
    this.flush();
  }

  override want(position: number): void {
    if (position <= this.position) return;
    this.wanted = Math.max(this.wanted, position);
    this.flush();
  }

  /** every event stored so far is read: written now if someone waits, else within `maxDelayMs` */
  private caughtUp(): void {
    if (this.pending.length === 0) return;
    if (this.maxDelayMs === 0 || this.wanted > this.position) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs).unref();
  }

  /** global position up to which every read model is up to date */
  override get checkpoint(): number {
    return this.position;
  }

  /** resolves once every read model has applied the events up to `position` (read your writes) */
  override waitFor(position: number | undefined, timeoutMs = 10_000): Promise<void> {
    if (position === undefined || position <= this.position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return this.waiters.wait(position, timeoutMs);
  }

  /** drop every read model and rebuild it from the first event */
  override async rebuild(): Promise<number> {
    for (const projection of this.projections) this.reset(projection);
    this.prepare();
    return this.load();
  }

  private prepare(): void {
    const db = this.read.db;
    const rows = db
      .prepare<[], { name: string; version: number; position: number | null }>(
        'SELECT name, version, position FROM projection_checkpoints',
      )
      .all();
    const stored = new Map(rows.map((r) => [r.name, r]));
    for (const projection of this.projections) {
      const row = stored.get(projection.name);
      if (row && row.version !== projection.version) {
        this.logger.log(`${projection.name}: version ${row.version} → ${projection.version}, rebuilding`);
        this.reset(projection);
      }
      // the tables only: the indexes of the queries are created once caught up (`load`)
      setupTables(db, projection);
      db.prepare('INSERT OR IGNORE INTO projection_checkpoints (name, version, position) VALUES (?, ?, 0)').run(
        projection.name,
        projection.version,
      );
      this.checkpoints.set(projection.name, row && row.version === projection.version ? (row.position ?? 0) : 0);
    }
    this.position = Math.min(...this.checkpoints.values(), Number.MAX_SAFE_INTEGER);
    if (this.projections.length === 0) this.position = 0;
  }

  private reset(projection: Projection): void {
    const db = this.read.db;
    db.transaction(() => {
      for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(projection.name);
    })();
    this.checkpoints.set(projection.name, 0);
  }

  /** catches up, then creates the query indexes; returns the number of events read */
  private async load(): Promise<number> {
    const db = this.read.db;
    const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${CATCH_UP_WAL_PAGES}`);
    try {
      const events = await this.catchUp();
      this.createIndexes();
      return events;
    } finally {
      db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
      db.pragma('wal_checkpoint(PASSIVE)');
    }
  }

  /** applies everything stored after the lowest checkpoint; returns the number of events read */
  private async catchUp(): Promise<number> {
    let count = 0;
    for (;;) {
      const events: RecordedEvent[] = [];
      let after = this.position;
      while (events.length < CATCH_UP_BATCH) {
        const page = await this.store.readAll({ after, maxCount: BATCH });
        if (page.length === 0) break;
        for (const event of page) events.push(event);
        after = page[page.length - 1].position;
      }
      if (events.length === 0) return count;
      this.pending = events;
      this.flush();
      count += events.length;
    }
  }

  /** the indexes only queries search, missing after a rebuild, a fresh start or a version change */
  private createIndexes(): void {
    const db = this.read.db;
    db.transaction(() => {
      for (const projection of this.projections) setupIndexes(db, projection);
    })();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.pending;
    if (events.length === 0) return;
    this.pending = [];
    const db = this.read.db;
    const last = events[events.length - 1].position;
    const updateCheckpoint = (this.updateCheckpoint ??= db.prepare(
      'UPDATE projection_checkpoints SET position = ? WHERE name = ?',
    ));
    db.transaction(() => {
      for (const projection of this.projections) {
        const from = this.checkpoints.get(projection.name) ?? 0;
        if (from >= last) continue;
        applyAll(db, projection, events, from);
        updateCheckpoint.run(last, projection.name);
      }
    })();
    for (const projection of this.projections) {
      this.checkpoints.set(projection.name, Math.max(this.checkpoints.get(projection.name) ?? 0, last));
    }
    this.position = last;
    this.announce(last);
    this.waiters.reach(last);
  }
}

/** applies to `projection` the events it handles that come after `after` (its checkpoint) */
export function applyAll(
  db: Database.Database,
  projection: Projection,
  events: readonly RecordedEvent[],
  after: number,
): void {
  for (const event of events) {
    if (event.position > after && projection.handles.has(event.type)) projection.apply(db, event);
  }
}
