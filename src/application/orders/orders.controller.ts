import { BadRequestException, Body, Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFound } from '../../domain/shared/errors';
import { OrderStatusQuery, type OrderView } from '../../projections/order-status/order-status.query';
import { CurrentPrincipal, familyOf, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ChildParams } from '../baskets/basket.dto';
import { RequestContext } from '../shared/request-context';
import { OrderParams, PlaceOrderDto } from './order.dto';
import { orderIdFor, PlaceOrderCommand, placeOrderCommandId } from './place-order.handler';
import { WithoutReadModels } from '../shared/read-your-writes.guard';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,100}$/;
const ORDER =
  '{ orderId, programId, phaseId, child: { childId, firstName }, placedAt, moduleCount, modules: "2m", totalCents, ' +
  'total: "225,00 €", billing, reservations: [{ reservationId, child, activityId, name, slot, priceCents, price, ' +
  'status: "PENDING", statusLabel: "En attente", cancellation? }] }';

@ApiTags('orders')
@ApiBearerAuth()
@Roles('parent')
@Controller('me')
export class OrdersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly orders: OrderStatusQuery,
  ) {}

  @WithoutReadModels()
  @Post('children/:childId/orders')
  @ApiOperation({
    summary: "Order one child's basket (« VALIDER LA COMMANDE »): irreversible, every reservation PENDING",
    description:
      'Allowed while a booking phase of the basket’s program admits your family’s tier. Send a fresh ' +
      'Idempotency-Key per order and the same key when you retry: a retry answers 200 with the same order, ' +
      'never a second one. A key is per child: the same key for another child is another order.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1 to 100 letters, digits, _ or -' })
  @ApiCreatedResponse({ description: `the order placed: ${ORDER}` })
  @ApiOkResponse({ description: 'the order this Idempotency-Key placed before (a retry)' })
  @ApiBadRequestResponse({ description: 'no Idempotency-Key, empty basket, incomplete billing, no phase open' })
  @ApiForbiddenResponse({ description: 'the phase open now is for another tier; account not validated' })
  async place(
    @Param() { childId }: ChildParams,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() { billing }: PlaceOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderView> {
    const orderId = orderIdFor(familyOf(principal), childId, checkIdempotencyKey(idempotencyKey));
    const context = this.context.for(request, principal, placeOrderCommandId(orderId));
    const { name, address } = billing;
    const { line1, line2, postalCode, city } = address;
    const { order, created } = await this.commandBus.execute(
      new PlaceOrderCommand(
        principal,
        childId,
        orderId,
        { name, address: { line1, line2, postalCode, city } },
        context,
      ),
    );
    response.status(created ? 201 : 200).location(`/me/orders/${orderId}`);
    return order;
  }

  @Get('orders')
  @ApiOperation({ summary: "Your family's orders, each reservation with its status (En attente, Réservé, Annulé)" })
  @ApiOkResponse({ description: `{ orders: [${ORDER}] }` })
  list(@CurrentPrincipal() principal: Principal): { orders: OrderView[] } {
    return { orders: this.orders.ordersOf(familyOf(principal)) };
  }

  @Get('orders/:orderId')
  @ApiOperation({ summary: 'One of your orders' })
  @ApiOkResponse({ description: ORDER })
  @ApiNotFoundResponse({ description: 'no such order in your family' })
  one(@Param() { orderId }: OrderParams, @CurrentPrincipal() principal: Principal): OrderView {
    const order = this.orders.orderOf(familyOf(principal), orderId);
    if (order === undefined) throw new NotFound('Your family has no order by this id.', 'ORDER_NOT_FOUND');
    return order;
  }
}

function checkIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key === '') {
    throw new BadRequestException({
      error: 'IDEMPOTENCY_KEY_REQUIRED',
      message:
        'The Idempotency-Key header is required: send a new key for each order (1 to 100 letters, digits, _ or -), and the same key when you retry it.',
    });
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestException({
      error: 'IDEMPOTENCY_KEY_INVALID',
      message: 'The Idempotency-Key header must be 1 to 100 letters, digits, _ or -.',
    });
  }
  return key;
}
