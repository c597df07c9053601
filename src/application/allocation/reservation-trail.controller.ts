import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFound } from '../../domain/shared/errors';
import { AllocationTrailQuery, type ReservationTrail } from '../../projections/allocation-audit/allocation-trail.query';
import { Roles } from '../auth/auth.decorators';
import { ReservationParams } from '../orders/order.dto';

@ApiTags('reservations')
@ApiBearerAuth()
@Roles('staff')
@Controller('reservations')
export class ReservationTrailController {
  constructor(private readonly trail: AllocationTrailQuery) {}

  @Get(':reservationId/trail')
  @ApiOperation({
    summary: 'Everything that happened to a reservation: placed, cancelled, decided by each run, applied (staff)',
  })
  @ApiOkResponse({
    description:
      '{ reservationId, status, placed: { at, by, orderId }, cancelledByStaff, runs: [{ runId, runStatus, decision }], applied }',
  })
  @ApiNotFoundResponse({ description: 'no such reservation' })
  show(@Param() { reservationId }: ReservationParams): ReservationTrail {
    const trail = this.trail.trail(reservationId);
    if (trail === undefined) throw new NotFound(`There is no reservation ${reservationId}.`, 'RESERVATION_NOT_FOUND');
    return trail;
  }
}
