import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EventStore, RecordedEvent, Subscription } from '../../event-store/event-store.port';
import { Projection } from '../../projections/projection';
import { ReadDatabase } from '../../projections/read-database';
import { ReadModels, RunnerLog } from './read-models';

const BATCH = 5000;

/**
 * Feeds every projection from the store. On start each projection whose version changed is
 * dropped and rebuilt; then one subscription from the lowest checkpoint applies events in
 * batches, one transaction per batch holding the read-model writes and the checkpoints.
 */
export class ProjectionRunner extends ReadModels {
  private readonly logger: RunnerLog;
  private subscription?: Subscription;
  private checkpoints = new Map<string, number>();
  private position = 0;
  private waiters: Array<{ position: number; resolve: () => void }> = [];
  private pending: RecordedEvent[] = [];
  private failure?: unknown;
  private updateCheckpoint?: Database.Statement<[number, string]>;

  constructor(
    private readonly store: EventStore,
    private readonly read: ReadDatabase,
    private readonly projections: readonly Projection[],
    options: {
      /** called after each transaction of read-model writes, with the position they reached */
      onAdvance?: (position: number) => void;
      logger?: RunnerLog;
    } = {},
  ) {
    super();
    this.onAdvance = options.onAdvance;
    this.logger = options.logger ?? new Logger('Projections');
  }

  private readonly onAdvance?: (position: number) => void;

  /** prepare the tables and catch up with everything stored, then follow live events */
  override async start(): Promise<void> {
    this.prepare();
    await this.catchUp();
    this.subscription = this.store.subscribeToAll({
      after: this.position,
      onEvent: (event) => {
        this.pending.push(event);
        if (this.pending.length >= BATCH) this.flush();
      },
      onCaughtUp: () => this.flush(),
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

  /** global position up to which every read model is up to date */
  override get checkpoint(): number {
    return this.position;
  }

  /** resolves once every read model has applied the events up to `position` (read your writes) */
  override waitFor(position: number | undefined, timeoutMs = 10_000): Promise<void> {
    if (position === undefined || position <= this.position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read models did not reach position ${position}`)), timeoutMs);
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** drop every read model and rebuild it from the first event */
  override async rebuild(): Promise<number> {
    for (const projection of this.projections) this.reset(projection);
    this.prepare();
    return this.catchUp();
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
      projection.setup(db);
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

  /** applies everything stored after the lowest checkpoint; returns the number of events read */
  private async catchUp(): Promise<number> {
    let count = 0;
    for (;;) {
      const page = await this.store.readAll({ after: this.position, maxCount: BATCH });
      if (page.length === 0) return count;
      this.pending = page;
      this.flush();
      count += page.length;
    }
  }

  private flush(): void {
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
    this.onAdvance?.(last);
    const ready = this.waiters.filter((w) => w.position <= last);
    this.waiters = this.waiters.filter((w) => w.position > last);
    ready.forEach((w) => w.resolve());
  }
}

function applyAll(
  db: Database.Database,
  projection: Projection,
  events: readonly RecordedEvent[],
  after: number,
): void {
  for (const event of events) {
    if (event.position > after && projection.handles.has(event.type)) projection.apply(db, event);
  }
}
