import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { NotFound } from '../../domain/shared/errors';
import {
  AllocationProcessQuery,
  AllocationProcessView,
} from '../../projections/allocation-process/allocation-process.query';
import { Roles } from '../auth/auth.decorators';

class RunParams {
  @IsUUID('all', { message: 'runId must be a run id (a UUID)' })
  runId!: string;
}

@ApiTags('allocation')
@Roles('staff')
@Controller('allocations')
export class AllocationApplicationController {
  constructor(private readonly progress: AllocationProcessQuery) {}

  @Get(':runId/application')
  @ApiOperation({
    summary: "How far the approved run's decisions have been applied to the orders (staff)",
    description: 'status APPROVED (not started), APPLYING or COMPLETED, with chunks applied and decisions skipped',
  })
  @ApiOkResponse({ description: '{ runId, status, chunkCount, chunksApplied, applied, skipped, completedAt, … }' })
  application(@Param() { runId }: RunParams): AllocationProcessView {
    const view = this.progress.progressOf(runId);
    if (view === undefined) {
      throw new NotFound('This run is not approved, or does not exist: nothing is being applied.', 'RUN_NOT_APPROVED');
    }
    return view;
  }
}
