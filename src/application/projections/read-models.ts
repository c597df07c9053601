/**
 * The read models as the rest of the service sees them, wherever they are updated: in this
 * thread (`ProjectionRunner`) or in a worker thread (`ProjectionWorker`). An abstract class so
 * that it doubles as the Nest injection token.
 */
export abstract class ReadModels {
  /** prepare the tables, catch up with everything stored, then follow live events */
  abstract start(): Promise<void>;

  abstract stop(): Promise<void>;

  /** global position up to which every read model is up to date */
  abstract get checkpoint(): number;

  /** resolves once every read model has applied the events up to `position` (read your writes) */
  abstract waitFor(position: number | undefined, timeoutMs?: number): Promise<void>;

  /** drop every read model and rebuild it from the first event; resolves with the number of events read */
  abstract rebuild(): Promise<number>;
}

/** what the runner reports, so that a worker thread can hand its lines to the service's logger */
export interface RunnerLog {
  log(message: string): void;
  error(message: string): void;
}
