import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { bookingDecider, bookingStream } from '../../domain/order/booking.decider';
import { BasketQuery, type BasketView } from '../../projections/basket/basket.query';
import type { Principal } from '../auth/principal';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { FamilyChildren } from './family-children';

export class RemoveActivityCommand extends Command<BasketView> {
  constructor(
    readonly principal: Principal,
    readonly childId: string,
    readonly activityId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Procedure, step 3: the parent checks the basket and takes a line out before ordering. */
@CommandHandler(RemoveActivityCommand)
export class RemoveActivityHandler implements ICommandHandler<RemoveActivityCommand> {
  constructor(
    private readonly children: FamilyChildren,
    private readonly commands: Commands,
    private readonly baskets: BasketQuery,
  ) {}

  async execute({ principal, childId, activityId, context }: RemoveActivityCommand): Promise<BasketView> {
    const { familyId } = await this.children.of(principal, childId);
    await this.commands.run(
      bookingStream(childId),
      bookingDecider,
      { type: 'RemoveActivity', data: { childId, familyId, activityId, now: context.now.toISOString() } },
      context,
    );
    return this.baskets.basketOf(childId);
  }
}
