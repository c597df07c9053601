import { ServiceUnavailableException } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { nextPhaseFor, phaseOpenAt } from '../../domain/booking-phase/booking-phase';
import type { FamilyState } from '../../domain/family/family.state';
import { bookingDecider, bookingStream } from '../../domain/order/booking.decider';
import { hasOrder, type BookingState } from '../../domain/order/booking.state';
import type { BillingDetails, PlaceOrder } from '../../domain/order/place-order.command';
import { requireScheduledActivity } from '../../domain/program/program.state';
import { EventStore } from '../../event-store/event-store.port';
import type { OrderPlaced } from '../../domain/order/order.events';
import { OrderStatusQuery, placedOrderView, type OrderView } from '../../projections/order-status/order-status.query';
import type { Principal } from '../auth/principal';
import { FamilyChildren } from '../baskets/family-children';
import { checkVisible, ProgramFacts } from '../programs/program-facts';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { FoldedStreams } from '../shared/folded-streams';
import { nameBasedIds } from '../shared/name-based-id';

/** namespace of the v5 UUIDs of orders (and of their commands) */
const orderNamespaceId = nameBasedIds('0d6f3c1e-7a54-4b8e-9f21-4c7e2a9b5d30');

/**
 * The order an Idempotency-Key stands for: the same (family, child, key) is the same order, so a
 * retried request finds it and places nothing. Keys are per child: the same key sent for another
 * child is another order.
 */
export function orderIdFor(familyId: string, childId: string, idempotencyKey: string): string {
  return orderNamespaceId(JSON.stringify([familyId, childId, idempotencyKey]));
}

/** The command id of placing an order, so that its event ids are the same on every retry. */
export function placeOrderCommandId(orderId: string): string {
  return orderNamespaceId(`PlaceOrder/${orderId}`);
}

export interface PlacedOrder {
  order: OrderView;
  /** false when the order already existed: a retry of the same request */
  created: boolean;
}

export class PlaceOrderCommand extends Command<PlacedOrder> {
  constructor(
    readonly principal: Principal,
    readonly childId: string,
    readonly orderId: string,
    readonly billing: BillingDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * « VALIDER LA COMMANDE » (procedure, step 4): the child's basket becomes an order, every
 * reservation PENDING, while a booking phase of the basket's program admits the family's tier.
 * The booking stream is folded once: the order is built from that state and decided on it.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    private readonly children: FamilyChildren,
    private readonly programs: ProgramFacts,
    private readonly streams: FoldedStreams,
    private readonly store: EventStore,
    private readonly commands: Commands,
    private readonly orders: OrderStatusQuery,
  ) {}

  async execute({ principal, childId, orderId, billing, context }: PlaceOrderCommand): Promise<PlacedOrder> {
    const { familyId, family, child } = await this.children.of(principal, childId);
    const stream = bookingStream(childId);
    const folded = await this.streams.load(stream, bookingDecider);
    if (hasOrder(folded.state, orderId)) return this.existing(familyId, orderId, stream);
    const command = await this.placeOrder(family, folded.state, { orderId, childId, familyId, billing }, context.now);
    // answered from its own event as soon as it is durable: the read models follow, and the
    // parent's next request waits for them (ReadYourWritesGuard)
    const result = await this.commands.runWithoutReadModels(stream, bookingDecider, command, context, folded);
    const placed = result.events.find((event): event is OrderPlaced => event.type === 'OrderPlaced');
    // no event: a request with the same key placed it between our read and our write
    if (placed === undefined) return this.existing(familyId, orderId, stream);
    return { order: placedOrderView(placed.data, child.firstName), created: true };
  }

  /** the facts of the order: the basket's program, the phase open now and whether it admits the family */
  private async placeOrder(
    family: FamilyState,
    state: BookingState,
    order: Pick<PlaceOrder['data'], 'orderId' | 'childId' | 'familyId' | 'billing'>,
    at: Date,
  ): Promise<PlaceOrder> {
    const now = at.toISOString();
    if (state.basket.status === 'EMPTY') {
      // no program to look at: the decider refuses the empty basket before any phase matters
      return { type: 'PlaceOrder', data: { ...order, programId: '', phase: null, now } };
    }
    const program = await this.programs.load(state.basket.programId);
    const { tier } = checkVisible(program, family);
    // a basket prepared before the phase opened may hold an activity withdrawn since
    for (const line of state.basket.lines) requireScheduledActivity(program, line.activityId);
    const open = phaseOpenAt(program, now);
    const phase =
      open === undefined ? null : { phaseId: open.phaseId, admitsFamily: open.admittedTiers.includes(tier) };
    const nextOpensAt = nextPhaseFor(program, now, tier)?.opensAt;
    return {
      type: 'PlaceOrder',
      data: { ...order, programId: program.programId, phase, ...(nextOpensAt && { nextOpensAt }), now },
    };
  }

  /** a retried request (rare): the stream is read for the position of its OrderPlaced, to read our writes */
  private async existing(familyId: string, orderId: string, stream: string): Promise<PlacedOrder> {
    const recorded = await this.store.readStream(stream);
    const placed = recorded.find(
      (event) => event.type === 'OrderPlaced' && (event.data as { orderId: string }).orderId === orderId,
    );
    await this.commands.settled(placed?.position);
    return { order: this.view(familyId, orderId), created: false };
  }

  /** what GET /me/orders/:orderId answers, as the first answer did (`placedOrderView`) */
  private view(familyId: string, orderId: string): OrderView {
    const order = this.orders.orderOf(familyId, orderId);
    if (order === undefined) {
      throw new ServiceUnavailableException({
        error: 'ORDER_NOT_SHOWN_YET',
        message: `Your order ${orderId} is recorded but cannot be shown yet: send the same request again in a moment.`,
      });
    }
    return order;
  }
}
