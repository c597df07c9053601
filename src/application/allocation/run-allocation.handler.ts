import { ServiceUnavailableException } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllocationAuditQuery, type RunReport } from '../../projections/allocation-audit/allocation-audit.query';
import type { CommandContext } from '../shared/command-context';
import { AllocationRuns } from './allocation-runs.service';

export class RunAllocationCommand extends Command<RunReport> {
  constructor(
    readonly programId: string,
    /** the booking phase that closed */
    readonly roundId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** PRODUCT.md, RunAllocation: decides every pending reservation of the round, as a proposal first. */
@CommandHandler(RunAllocationCommand)
export class RunAllocationHandler implements ICommandHandler<RunAllocationCommand> {
  constructor(
    private readonly runs: AllocationRuns,
    private readonly audit: AllocationAuditQuery,
  ) {}

  async execute({ programId, roundId, context }: RunAllocationCommand): Promise<RunReport> {
    const { runId } = await this.runs.run(programId, roundId, context);
    const report = this.audit.report(runId);
    if (report === undefined) {
      throw new ServiceUnavailableException({
        error: 'RUN_NOT_SHOWN_YET',
        message: `The allocation run ${runId} is recorded but cannot be shown yet: GET /allocations/${runId} in a moment.`,
      });
    }
    return report;
  }
}
