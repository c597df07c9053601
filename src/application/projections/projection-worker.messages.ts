/** What the request thread and the read-model worker thread say to each other. */
export interface ProjectionWorkerData {
  dataDir: string;
  eventStoreConnectionString?: string;
}

export type ToWorker = { type: 'appended' } | { type: 'rebuild' } | { type: 'stop' };

export type FromWorker =
  | { type: 'started'; position: number }
  | { type: 'advanced'; position: number }
  | { type: 'rebuilt'; events: number }
  | { type: 'stopped' }
  | { type: 'log'; level: 'log' | 'error'; message: string }
  | { type: 'failed'; message: string };
