/** What the request thread and the read-model worker thread say to each other. */
export interface ProjectionWorkerData {
  dataDir: string;
  eventStoreConnectionString?: string;
  /** how much lower the thread's priority is than the request thread's (`lowerPriority`); 0 or absent: the same */
  niceness?: number;
  /** how long live events may wait to be written when nobody waits for them (`ProjectionRunner`) */
  maxDelayMs?: number;
}

export type ToWorker =
  | { type: 'appended' }
  /** a request waits for the read models to reach `position` (`ReadModels.want`) */
  | { type: 'wanted'; position: number }
  | { type: 'rebuild' }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'started'; position: number; priority: ThreadPriority }
  | { type: 'advanced'; position: number }
  | { type: 'rebuilt'; events: number }
  | { type: 'stopped' }
  | { type: 'log'; level: 'log' | 'error'; message: string }
  | { type: 'failed'; message: string };

/** the read-model thread's `nice` once it lowered it, or why it kept the process's */
export type ThreadPriority = { nice: number } | { kept: string };

/** the read-model thread's name for the operating system (`nameThisThread`) */
export const READ_MODELS_THREAD_NAME = 'read-models';
