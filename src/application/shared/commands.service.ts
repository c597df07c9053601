import { Injectable, Logger } from '@nestjs/common';
import { Decider, Message } from '../../domain/shared/decider';
import { EventStore } from '../../event-store/event-store.port';
import { ReadModels } from '../projections/read-models';
import { CommandContext } from './command-context';
import { Folded, FoldedStreams } from './folded-streams';
import { CommandResult, handleCommand } from './handle-command';

/**
 * Runs a command against one stream (`handleCommand`) and, once it is durable, waits until
 * the read models include it, so that the answer and the caller's next read show what it did.
 * The stream is folded from the state kept by `FoldedStreams`: only the events appended since
 * are read.
 */
@Injectable()
export class Commands {
  private readonly logger = new Logger('Commands');

  constructor(
    private readonly store: EventStore,
    private readonly projections: ReadModels,
    private readonly streams: FoldedStreams,
  ) {}

  async run<C, E extends Message, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    context: CommandContext,
  ): Promise<CommandResult<E, S>> {
    const result = await this.runWithoutReadModels(streamId, decider, command, context);
    // nothing written (a retry): the caller's next read still shows everything stored before it
    await this.settled(result.position ?? (await this.store.headPosition()));
    return result;
  }

  /**
   * Runs a command and resolves once its events are durable, without waiting for the read
   * models: for a handler that answers from the events it decided. The caller's next request
   * waits for them instead (`ReadYourWritesGuard`). `folded` is the stream as the caller folded
   * it (`FoldedStreams.load`) to build the command: not read again.
   */
  runWithoutReadModels<C, E extends Message, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    context: CommandContext,
    folded?: Folded<S>,
  ): Promise<CommandResult<E, S>> {
    return handleCommand(this.store, streamId, decider, command, context, { streams: this.streams, folded });
  }

  /** the command is durable either way: a slow read model is logged, not reported as a failure */
  async settled(position: number | undefined): Promise<void> {
    try {
      await this.projections.waitFor(position);
    } catch (error) {
      this.logger.warn(`read models lag behind position ${position}: ${String(error)}`);
    }
  }
}
