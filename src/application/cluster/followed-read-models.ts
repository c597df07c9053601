import { PositionWaiters, ReadModels } from '../projections/read-models';
import { IpcChannel } from './ipc-channel';

/**
 * The read models as an HTTP worker process sees them: the primary process writes them (on its
 * read-model thread) and tells every worker each position they reach; a worker reads the read
 * database and waits for the position of its own appends before answering (read your writes).
 */
export class FollowedReadModels extends ReadModels {
  private readonly waiters = new PositionWaiters((position) => this.want(position));

  constructor(private readonly primary: IpcChannel) {
    super();
    primary.on('advanced', (position: number) => {
      if (position > this.waiters.position) this.waiters.reach(position);
    });
  }

  override async start(): Promise<void> {
    const position = await this.primary.request<number>('checkpoint');
    if (position > this.waiters.position) this.waiters.reach(position);
  }

  override async stop(): Promise<void> {}

  override get checkpoint(): number {
    return this.waiters.position;
  }

  override waitFor(position: number | undefined, timeoutMs = 10_000): Promise<void> {
    return this.waiters.wait(position, timeoutMs);
  }

  /** the primary writes the read models: it hears who waits */
  override want(position: number): void {
    this.primary.notify('wanted', position);
  }

  override rebuild(): Promise<number> {
    return Promise.reject(new Error('the read models are rebuilt by the primary process'));
  }
}
