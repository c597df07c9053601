import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { verifySeed } from '../../allocation/lottery';
import { NotFound } from '../../domain/shared/errors';
import { AllocationTrailQuery, type RoundSeedView } from '../../projections/allocation-audit/allocation-trail.query';
import { RoundParams } from './allocation.dto';

export interface RoundSeedCheck extends RoundSeedView {
  /** sha256(seed) === commitment; false while the seed is not revealed */
  verified: boolean;
}

/** PRODUCT.md: the commitment is shown to families; the seed, once the draw stands; anyone can check the hash. */
@ApiTags('allocation')
@ApiBearerAuth()
@Controller('programs/:programId/rounds')
export class RoundSeedController {
  constructor(private readonly trail: AllocationTrailQuery) {}

  @Get(':roundId/seed')
  @ApiOperation({
    summary: "A round's seed commitment and, once a run of the round is approved, the seed (anyone signed in)",
  })
  @ApiOkResponse({
    description: '{ programId, roundId, roundName, closed, commitment, approvedRunId, seed, verified }',
  })
  @ApiNotFoundResponse({ description: 'no such round' })
  seed(@Param() { programId, roundId }: RoundParams): RoundSeedCheck {
    const view = this.trail.roundSeed(programId, roundId);
    if (view === undefined) throw new NotFound('This program has no such booking phase.', 'ROUND_NOT_FOUND');
    const { seed, commitment } = view;
    return { ...view, verified: seed !== null && commitment !== null && verifySeed(seed, commitment) };
  }
}
