import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import {
  OrderStatusQuery,
  type ReservationCursor,
  type StaffReservationView,
} from '../../projections/order-status/order-status.query';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { CancelReservationCommand } from './cancel-reservation.handler';
import { CancelReservationDto, ListReservationsDto, ReservationParams } from './order.dto';

const DEFAULT_PAGE = 200;

@ApiTags('reservations')
@ApiBearerAuth()
@Roles('staff')
@Controller('reservations')
export class ReservationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly orders: OrderStatusQuery,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A program's reservations, by status and activity (staff)",
    description: 'Ordered by activity then reservation id; pass `next` as `after` for the following page.',
  })
  @ApiOkResponse({ description: '{ reservations: [...], next: string | null }' })
  list(@Query() query: ListReservationsDto): { reservations: StaffReservationView[]; next: string | null } {
    const { programId, status, activityId } = query;
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.after === undefined ? undefined : decodeCursor(query.after);
    const reservations = this.orders.reservations({ programId, status, activityId }, { after, limit });
    const last = reservations[reservations.length - 1];
    return { reservations, next: reservations.length === limit && last ? encodeCursor(last) : null };
  }

  @Post(':reservationId/cancellation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel an erroneous pending reservation before allocation (staff)',
    description: 'The family sees it « Annulé » with the reason, and can order a replacement while a phase admits it.',
  })
  @ApiOkResponse({ description: 'the reservation, CANCELLED' })
  @ApiNotFoundResponse({ description: 'no such reservation' })
  @ApiConflictResponse({ description: 'the reservation is no longer pending' })
  cancel(
    @Param() { reservationId }: ReservationParams,
    @Body() body: CancelReservationDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StaffReservationView> {
    const reason = { code: body.reason, ...(body.note !== undefined && { note: body.note }) };
    return this.commandBus.execute(
      new CancelReservationCommand(reservationId, reason, principal.accountId, this.context.for(request, principal)),
    );
  }
}

function encodeCursor({ activityId, reservationId }: ReservationCursor): string {
  return Buffer.from(JSON.stringify([activityId, reservationId])).toString('base64url');
}

function decodeCursor(cursor: string): ReservationCursor {
  try {
    const [activityId, reservationId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof activityId === 'string' && typeof reservationId === 'string') return { activityId, reservationId };
  } catch {
    // answered below
  }
  throw new BadRequestException({
    error: 'INVALID_INPUT',
    message: 'after must be the `next` cursor of a previous page',
  });
}
