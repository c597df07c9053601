import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { bookingDecider, bookingStream } from '../../domain/order/booking.decider';
import type { CancellationReasonCode } from '../../domain/order/order.events';
import { NotFound } from '../../domain/shared/errors';
import { OrderStatusQuery, type StaffReservationView } from '../../projections/order-status/order-status.query';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

export class CancelReservationCommand extends Command<StaffReservationView> {
  constructor(
    readonly reservationId: string,
    readonly reason: { code: CancellationReasonCode; note?: string },
    readonly staffId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Procedure, step 5: staff cancel an erroneous pending reservation (wrong class, duplicate…) so
 * that the family can order a correct one in time. The reservation id names the order, not the
 * child: the order-status read model says which child's booking stream holds it.
 */
@CommandHandler(CancelReservationCommand)
export class CancelReservationHandler implements ICommandHandler<CancelReservationCommand> {
  constructor(
    private readonly commands: Commands,
    private readonly orders: OrderStatusQuery,
  ) {}

  async execute({ reservationId, reason, staffId, context }: CancelReservationCommand): Promise<StaffReservationView> {
    const childId = this.orders.childOfReservation(reservationId);
    if (childId === undefined) throw notFound(reservationId);
    await this.commands.run(
      bookingStream(childId),
      bookingDecider,
      {
        type: 'CancelReservation',
        data: { childId, reservationId, reason, cancelledBy: staffId, now: context.now.toISOString() },
      },
      context,
    );
    const reservation = this.orders.reservation(reservationId);
    if (reservation === undefined) throw notFound(reservationId);
    return reservation;
  }
}

function notFound(reservationId: string): NotFound {
  return new NotFound(`There is no reservation ${reservationId}.`, 'RESERVATION_NOT_FOUND');
}
