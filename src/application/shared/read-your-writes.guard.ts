import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EventStore } from '../../event-store/event-store.port';
import { Commands } from './commands.service';

const WITHOUT_READ_MODELS = 'ateliers:without-read-models';

/**
 * The route reads no read model before it writes: it decides on event streams only, and answers
 * from what it decided or waits for its own events afterwards. It does not wait for the read
 * models to catch up before it starts. Only for routes checked to be so.
 */
export const WithoutReadModels = () => SetMetadata(WITHOUT_READ_MODELS, true);

/**
 * Read your writes, whichever command answered and whichever process serves the next request:
 * every request starts once the read models hold every event stored when it arrived. A command
 * answered from its own events (PlaceOrder) no longer waits for the read models itself, so the
 * parent's next request is the one that waits — a few milliseconds during the rush, nothing
 * otherwise. In a cluster the head is read from the store's file, which every process shares.
 *
 * A guard that never refuses, registered after the AuthGuard: a guard is awaited as it is, where
 * an interceptor would wrap every request, waiting or not, in observables.
 */
@Injectable()
export class ReadYourWritesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: EventStore,
    private readonly commands: Commands,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(WITHOUT_READ_MODELS, targets)) {
      await this.commands.settled(await this.store.headPosition());
    }
    return true;
  }
}
