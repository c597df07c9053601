import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { allocationRunDecider } from '../../allocation/allocation-run.decider';
import { allocationStream, type AllocationRunEvent } from '../../allocation/allocation-run.events';
import type { AllocationRunState } from '../../allocation/allocation-run.state';
import type { ApproveAllocation } from '../../allocation/approve-allocation.command';
import { fold } from '../../domain/shared/decider';
import { Conflict } from '../../domain/shared/errors';
import { EventStore } from '../../event-store/event-store.port';
import { AllocationAuditQuery, type RunSummaryView } from '../../projections/allocation-audit/allocation-audit.query';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { allocationRoundDecider, allocationRoundStream, type AllocationRoundClaimed } from './allocation-round.decider';
import { runNotFound, shownRun } from './allocation-run-views';

export interface ApprovedRun {
  run: RunSummaryView;
  /** false when the run was approved already: a retried approval */
  created: boolean;
}

export class ApproveAllocationCommand extends Command<ApprovedRun> {
  constructor(
    readonly runId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Staff approve a proposal; the saga of src/application/allocation-saga then applies its
 * decisions to the orders on AllocationApproved. One approved run per round: the approval
 * claims the round in its own stream first (`allocationRoundStream`), then approves the run.
 * A retried approval of the same run answers with the run, approved once.
 */
@CommandHandler(ApproveAllocationCommand)
export class ApproveAllocationHandler implements ICommandHandler<ApproveAllocationCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly commands: Commands,
    private readonly audit: AllocationAuditQuery,
  ) {}

  async execute({ runId, context }: ApproveAllocationCommand): Promise<ApprovedRun> {
    const { state, position } = await this.runState(runId);
    const approve: ApproveAllocation = {
      type: 'ApproveAllocation',
      data: { runId, approvedBy: context.actor, approvedAt: context.now.toISOString(), roundAlreadyApproved: false },
    };
    if (state.status === 'Approved') return this.alreadyApproved(runId, position);
    // None, Recording, Discarded: the decider says why it cannot be approved
    if (state.status !== 'Proposed') allocationRunDecider.decide(approve, state);
    if (state.status === 'None') throw runNotFound(runId);
    await this.claimRound(state.run.programId, state.run.roundId, runId, context);
    try {
      await this.commands.run(allocationStream(runId), allocationRunDecider, approve, context);
    } catch (error) {
      // the same approval sent twice at once: the other one approved it
      if (error instanceof Conflict && error.code === 'ALLOCATION_ALREADY_APPROVED') {
        return this.alreadyApproved(runId, (await this.runState(runId)).position);
      }
      throw error;
    }
    return { run: shownRun(this.audit, runId), created: true };
  }

  private async claimRound(programId: string, roundId: string, runId: string, context: CommandContext): Promise<void> {
    const stream = allocationRoundStream(programId, roundId);
    const recorded = await this.store.readStream(stream);
    const { holder } = fold(allocationRoundDecider, recorded as unknown as AllocationRoundClaimed[]);
    let discardedHolder: string | null = null;
    if (holder !== null && holder !== runId) {
      const other = (await this.runState(holder)).state;
      if (other.status !== 'Discarded') throw roundTaken(holder, other);
      discardedHolder = holder;
    }
    const claimedAt = context.now.toISOString();
    await this.commands.run(
      stream,
      allocationRoundDecider,
      {
        type: 'ClaimAllocationRound',
        data: { programId, roundId, runId, claimedBy: context.actor, claimedAt, discardedHolder },
      },
      context,
    );
  }

  private async runState(runId: string): Promise<{ state: AllocationRunState; position: number | undefined }> {
    const recorded = await this.store.readStream(allocationStream(runId));
    const state = fold(allocationRunDecider, recorded as unknown as AllocationRunEvent[]);
    return { state, position: recorded.at(-1)?.position };
  }

  private async alreadyApproved(runId: string, position: number | undefined): Promise<ApprovedRun> {
    await this.commands.settled(position);
    return { run: shownRun(this.audit, runId), created: false };
  }
}

function roundTaken(holder: string, state: AllocationRunState): Conflict {
  if (state.status === 'Approved') {
    return new Conflict(
      `Run ${holder} of this round was approved by ${state.approvedBy} on ${state.approvedAt}: only one run per round is approved; discard this one.`,
      'ROUND_ALREADY_ALLOCATED',
    );
  }
  return new Conflict(
    `The approval of run ${holder} of this round is under way, or was interrupted: approve ${holder} again to finish it, or discard it.`,
    'ROUND_ALREADY_ALLOCATED',
  );
}
