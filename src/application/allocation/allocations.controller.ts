import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFound } from '../../domain/shared/errors';
import {
  AllocationAuditQuery,
  type ChildDecisionsView,
  type RunReport,
  type RunSummaryView,
} from '../../projections/allocation-audit/allocation-audit.query';
import { findProgram } from '../../projections/planning/planning.query';
import { ReadDatabase } from '../../projections/read-database';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { ChildrenPageDto, DiscardAllocationDto, ProgramParams, RunAllocationDto, RunParams } from './allocation.dto';
import { runNotFound } from './allocation-run-views';
import { AllocationVerifier, type VerificationReport } from './allocation-verification';
import { ApproveAllocationCommand } from './approve-allocation.handler';
import { DiscardAllocationCommand } from './discard-allocation.handler';
import { RunAllocationCommand } from './run-allocation.handler';

const DEFAULT_CHILDREN_PAGE = 100;
const REPORT =
  '{ runId, programId, roundId, roundName, status: PROPOSED|APPROVED|DISCARDED, ranBy, ranAt, approved, discarded, ' +
  'seedCommitment, seed, requestCount, decisionCount, activities: [{ activityId, name, capacity, reservedBefore, ' +
  'remaining, requestsByTier, seated, refusedForCapacity, ineligible, seatsLeft, cutOff }], fairness }';

@ApiTags('allocation')
@ApiBearerAuth()
@Roles('staff')
@Controller()
export class AllocationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly audit: AllocationAuditQuery,
    private readonly verifier: AllocationVerifier,
    private readonly read: ReadDatabase,
  ) {}

  @Post('programs/:programId/allocations')
  @ApiOperation({
    summary: 'Run the allocation of a closed round, as a proposal (staff)',
    description:
      'Decides every pending reservation placed in the round: eligibility, then tier, then the seeded lottery, ' +
      'activity by activity, on the seats earlier rounds left. Reveals the seed committed when the phase closed. ' +
      'Nothing reaches the orders before the proposal is approved.',
  })
  @ApiCreatedResponse({ description: REPORT })
  @ApiNotFoundResponse({ description: 'no such program or round' })
  @ApiConflictResponse({
    description: 'round not closed, nothing pending, round already approved, an earlier round not allocated yet',
  })
  async run(
    @Param() { programId }: ProgramParams,
    @Body() { roundId }: RunAllocationDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RunReport> {
    const report = await this.commandBus.execute(
      new RunAllocationCommand(programId, roundId, this.context.for(request, principal)),
    );
    response.location(`/allocations/${report.runId}`);
    return report;
  }

  @Get('programs/:programId/allocations')
  @ApiOperation({ summary: 'Every allocation run of the program, discarded ones included: the trail (staff)' })
  @ApiOkResponse({
    description: '{ programId, runs: [{ runId, roundId, status, ranBy, ranAt, approved, discarded, … }] }',
  })
  runs(@Param() { programId }: ProgramParams): { programId: string; runs: RunSummaryView[] } {
    if (findProgram(this.read.db, programId) === undefined) {
      throw new NotFound('This program does not exist.', 'PROGRAM_NOT_FOUND');
    }
    return { programId, runs: this.audit.runs(programId) };
  }

  @Get('allocations/:runId')
  @ApiOperation({ summary: 'A run as a report: per activity, fairness figures, status, seed (staff)' })
  @ApiOkResponse({ description: REPORT })
  @ApiNotFoundResponse({ description: 'no such run' })
  report(@Param() { runId }: RunParams): RunReport {
    const report = this.audit.report(runId);
    if (report === undefined) throw runNotFound(runId);
    return report;
  }

  @Get('allocations/:runId/children')
  @ApiOperation({
    summary: "A run's decisions per child: seated, refused, and why (staff)",
    description: 'Ordered by child id; pass `next` as `after` for the following page.',
  })
  @ApiOkResponse({ description: '{ runId, children: [{ childId, firstName, …, seated, refused, requests }], next }' })
  children(
    @Param() { runId }: RunParams,
    @Query() page: ChildrenPageDto,
  ): { runId: string; children: ChildDecisionsView[]; next: string | null } {
    if (this.audit.run(runId) === undefined) throw runNotFound(runId);
    const limit = page.limit ?? DEFAULT_CHILDREN_PAGE;
    const children = this.audit.children(runId, { after: page.after, limit });
    const next = children.length === limit ? children[children.length - 1].childId : null;
    return { runId, children, next };
  }

  @Post('allocations/:runId/approval')
  @ApiOperation({
    summary: 'Approve a proposal: its decisions are then applied to the orders (staff)',
    description: 'One approved run per round. Approving the same run again answers 200 with the run, approved once.',
  })
  @ApiCreatedResponse({ description: 'the run, APPROVED' })
  @ApiOkResponse({ description: 'the run was approved already (a retry)' })
  @ApiConflictResponse({ description: 'another run of the round was approved; this run was discarded' })
  async approve(
    @Param() { runId }: RunParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RunSummaryView> {
    const { run, created } = await this.commandBus.execute(
      new ApproveAllocationCommand(runId, this.context.for(request, principal)),
    );
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return run;
  }

  @Post('allocations/:runId/discard')
  @ApiOperation({ summary: 'Discard a proposal, saying why; it stays in the trail (staff)' })
  @ApiCreatedResponse({ description: 'the run, DISCARDED' })
  @ApiConflictResponse({ description: 'the run was approved or discarded already' })
  discard(
    @Param() { runId }: RunParams,
    @Body() { reason }: DiscardAllocationDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<RunSummaryView> {
    return this.commandBus.execute(new DiscardAllocationCommand(runId, reason, this.context.for(request, principal)));
  }

  @Post('allocations/:runId/verification')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Replay a run from its recorded inputs and seed, and compare decision by decision (staff)',
  })
  @ApiOkResponse({
    description: '{ runId, identical, sameOrder, checked, seedMatchesCommitment, differenceCount, differences }',
  })
  verify(@Param() { runId }: RunParams): Promise<VerificationReport> {
    return this.verifier.verify(runId);
  }
}
