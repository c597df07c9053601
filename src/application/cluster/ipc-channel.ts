/** One end of the IPC link between the primary process and an HTTP worker process. */
export interface IpcEndpoint {
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

interface Envelope {
  ateliers: 1;
  kind: string;
  /** set on a request: the answer carries it as `reply` */
  id?: number;
  reply?: number;
  payload?: unknown;
  error?: { name: string; message: string; details?: unknown };
}

/** An error carried across the link, with what its receiver needs to rebuild it. */
export class RemoteError extends Error {
  constructor(
    readonly remoteName: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = remoteName;
  }
}

const isEnvelope = (message: unknown): message is Envelope =>
  typeof message === 'object' && message !== null && (message as Envelope).ateliers === 1;

/**
 * Requests with answers, and notices, over a process's IPC channel (`process` in a worker,
 * `cluster.Worker` in the primary). Messages of other senders (e.g. Node's own) are ignored.
 */
export class IpcChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly handlers = new Map<string, (payload: unknown) => unknown>();
  private readonly listeners = new Map<string, (payload: unknown) => void>();
  private closed?: Error;

  constructor(private readonly endpoint: IpcEndpoint) {
    endpoint.on('message', (message) => {
      if (isEnvelope(message)) this.receive(message);
    });
  }

  request<T>(kind: string, payload?: unknown): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ ateliers: 1, kind, id, payload });
    });
  }

  notify(kind: string, payload?: unknown): void {
    if (!this.closed) this.post({ ateliers: 1, kind, payload });
  }

  /** answers requests of `kind`; a thrown error is sent back with its name, message and `details` */
  handle(kind: string, handler: (payload: never) => unknown): void {
    this.handlers.set(kind, handler as (payload: unknown) => unknown);
  }

  on(kind: string, listener: (payload: never) => void): void {
    this.listeners.set(kind, listener as (payload: unknown) => void);
  }

  /** the other end is gone: pending and later requests fail with `reason` */
  close(reason: string): void {
    this.closed = new Error(reason);
    for (const { reject } of this.pending.values()) reject(this.closed);
    this.pending.clear();
  }

  private post(envelope: Envelope): void {
    try {
      this.endpoint.send(envelope);
    } catch (error) {
      // the channel closed under us: the 'exit' or 'disconnect' handler closes this side too
      if (envelope.id !== undefined) this.settle(envelope.id, undefined, toWire(error));
    }
  }

  private receive(message: Envelope): void {
    if (message.reply !== undefined) {
      this.settle(message.reply, message.payload, message.error);
    } else if (message.id !== undefined) {
      void this.answer(message.id, message.kind, message.payload);
    } else {
      this.listeners.get(message.kind)?.(message.payload);
    }
  }

  private async answer(id: number, kind: string, payload: unknown): Promise<void> {
    const handler = this.handlers.get(kind);
    try {
      if (!handler) throw new Error(`no handler for ${kind}`);
      this.post({ ateliers: 1, kind, reply: id, payload: await handler(payload) });
    } catch (error) {
      this.post({ ateliers: 1, kind, reply: id, error: toWire(error) });
    }
  }

  private settle(id: number, payload: unknown, error: Envelope['error']): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (error) pending.reject(new RemoteError(error.name, error.message, error.details));
    else pending.resolve(payload);
  }
}

function toWire(error: unknown): NonNullable<Envelope['error']> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const details = (error as { details?: unknown }).details;
  return { name: error.name, message: error.message, ...(details !== undefined && { details }) };
}
