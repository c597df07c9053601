/**
 * The read models as the rest of the service sees them, wherever they are updated: in this
 * thread (`ProjectionRunner`), in a worker thread (`ProjectionWorker`), or in the primary process
 * of a cluster (`FollowedReadModels`). An abstract class so that it doubles as the Nest
 * injection token.
 */
export abstract class ReadModels {
  private readonly listeners = new Set<(position: number) => void>();

  /** prepare the tables, catch up with everything stored, then follow live events */
  abstract start(): Promise<void>;

  abstract stop(): Promise<void>;

  /** global position up to which every read model is up to date */
  abstract get checkpoint(): number;

  /** resolves once every read model has applied the events up to `position` (read your writes) */
  abstract waitFor(position: number | undefined, timeoutMs?: number): Promise<void>;

  /**
   * Someone waits for the read models to reach `position`: what they hold pending is written now
   * rather than at the end of their batching delay (`READ_MODELS_MAX_DELAY_MS`). `waitFor` says
   * it by itself; a process or thread that waits on read models written elsewhere passes it on.
   */
  abstract want(position: number): void;

  /** drop every read model and rebuild it from the first event; resolves with the number of events read */
  abstract rebuild(): Promise<number>;

  /** calls `listener` with each position the read models reach; returns the unsubscribe */
  onAdvanced(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** tells the listeners of `onAdvanced` */
  announce(position: number): void {
    for (const listener of this.listeners) listener(position);
  }
}

/** what the runner reports, so that a worker thread can hand its lines to the service's logger */
export interface RunnerLog {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Callers waiting for the read models to reach a position, released as reports of positions
 * arrive. Each position waited for beyond those asked for already is passed to `wanted` once,
 * so that whoever writes the read models writes it now (`ReadModels.want`).
 */
export class PositionWaiters {
  private waiters: Array<{ position: number; resolve: () => void }> = [];
  private reached = 0;
  /** the highest position passed to `wanted` */
  private asked = 0;

  constructor(private readonly wanted: (position: number) => void = () => undefined) {}

  get position(): number {
    return this.reached;
  }

  wait(position: number | undefined, timeoutMs: number): Promise<void> {
    if (position === undefined || position <= this.reached) return Promise.resolve();
    const reached = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`read models did not reach position ${position}`));
      }, timeoutMs);
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      this.waiters.push(waiter);
    });
    // once the waiter is registered: an in-process writer may reach the position at once
    if (position > this.asked) {
      this.asked = position;
      this.wanted(position);
    }
    return reached;
  }

  reach(position: number): void {
    this.reached = position;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }
}
