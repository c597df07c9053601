import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { PositionWaiters, ReadModels } from '../../../src/application/projections/read-models';
import { Commands } from '../../../src/application/shared/commands.service';
import { FoldedStreams } from '../../../src/application/shared/folded-streams';
import { ReadYourWritesGuard, WithoutReadModels } from '../../../src/application/shared/read-your-writes.guard';
import type { EventStore } from '../../../src/event-store/event-store.port';

/** read models that reach a position only when the test says so */
class HeldReadModels extends ReadModels {
  readonly waiters = new PositionWaiters((position) => this.want(position));
  /** the positions asked for (`want`), in order */
  readonly wanted: number[] = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  get checkpoint(): number {
    return this.waiters.position;
  }
  waitFor(position: number | undefined, timeoutMs = 10_000): Promise<void> {
    return this.waiters.wait(position, timeoutMs);
  }
  want(position: number): void {
    this.wanted.push(position);
  }
  rebuild(): Promise<number> {
    return Promise.resolve(0);
  }
}

@Controller()
class Routes {
  @Get('orders')
  orders(): string {
    return 'orders';
  }

  @WithoutReadModels()
  @Get('place')
  place(): string {
    return 'placed';
  }
}

@WithoutReadModels()
@Controller()
class HealthLike {
  @Get('live')
  live(): string {
    return 'ok';
  }
}

describe('ReadYourWritesGuard', () => {
  let head: number;
  let readModels: HeldReadModels;
  let guard: ReadYourWritesGuard;
  beforeEach(() => {
    head = 0;
    readModels = new HeldReadModels();
    const store = { headPosition: () => Promise.resolve(head) } as unknown as EventStore;
    guard = new ReadYourWritesGuard(new Reflector(), store, new Commands(store, readModels, new FoldedStreams(store)));
  });

  /** asks the guard about `handler` of `controller`; `handled` tells whether the request may start yet */
  const call = (controller: object, handler: (...args: never[]) => unknown) => {
    const run = { handled: false, answer: undefined as unknown };
    const context = new ExecutionContextHost([], controller.constructor as never, handler);
    run.answer = guard.canActivate(context).then((allowed) => {
      run.handled = true;
      return allowed ? handler.name : 'refused';
    });
    return run;
  };
  const turns = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('starts a request only once the read models hold every event stored when it arrived', async () => {
    head = 7;
    readModels.waiters.reach(5);
    const run = call(new Routes(), Routes.prototype.orders);
    await turns();
    expect(run.handled).toBe(false);
    // asked for at once, so that the read models do not wait for their batching delay
    expect(readModels.wanted).toEqual([7]);
    head = 9; // stored after the request arrived: not waited for
    readModels.waiters.reach(7);
    await expect(run.answer).resolves.toBe('orders');
    expect(run.handled).toBe(true);
  });

  it('starts at once when the read models are up to date', async () => {
    head = 4;
    readModels.waiters.reach(4);
    await expect(call(new Routes(), Routes.prototype.orders).answer).resolves.toBe('orders');
  });

  it('does not hold a route marked @WithoutReadModels, on the method or on its controller', async () => {
    head = 7;
    readModels.waiters.reach(5);
    await expect(call(new Routes(), Routes.prototype.place).answer).resolves.toBe('place');
    await expect(call(new HealthLike(), HealthLike.prototype.live).answer).resolves.toBe('live');
    expect(readModels.wanted).toEqual([]);
  });
});
