import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { verifySeed } from '../../allocation/lottery';
import { NotFound } from '../../domain/shared/errors';
import {
  AllocationTrailQuery,
  type FamilyAllocationView,
} from '../../projections/allocation-audit/allocation-trail.query';
import { CurrentPrincipal, familyOf, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ReservationParams } from '../orders/order.dto';
import { howToCheck } from './seed-check';

export interface MyAllocationView extends FamilyAllocationView {
  /** the seed shown hashes to the published commitment; false until the seed is revealed */
  seedVerified: boolean;
  howToCheck: string;
}

@ApiTags('allocation')
@ApiBearerAuth()
@Roles('parent')
@Controller('me')
export class MyAllocationController {
  constructor(private readonly trail: AllocationTrailQuery) {}

  @Get('reservations/:reservationId/allocation')
  @ApiOperation({
    summary: "The approved allocation's decision on one of your reservations, and how to check it",
    description:
      'Status, lottery number, rank, tier, the activity’s cut-off (the last tier and number seated), the seed ' +
      'commitment published when the phase closed and, once the run is approved, the seed itself.',
  })
  @ApiOkResponse({
    description:
      '{ reservationId, activityId, activityName, roundId, status, runId, decision: { outcome, reason, detail, tier, ' +
      'lotteryNumber, rank, cutOff, explanation } | null, seedCommitment, seed, seedVerified, howToCheck }',
  })
  @ApiNotFoundResponse({ description: 'no such reservation in your family' })
  mine(@Param() { reservationId }: ReservationParams, @CurrentPrincipal() principal: Principal): MyAllocationView {
    const view = this.trail.ofFamily(familyOf(principal), reservationId);
    if (view === undefined) {
      throw new NotFound('Your family has no reservation by this id.', 'RESERVATION_NOT_FOUND');
    }
    return {
      ...view,
      seedVerified: view.seed !== null && view.seedCommitment !== null && verifySeed(view.seed, view.seedCommitment),
      howToCheck: howToCheck(view.familyId, view.activityId, view.seed),
    };
  }
}
