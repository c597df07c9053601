import { ServiceUnavailableException } from '@nestjs/common';
import { NotFound } from '../../domain/shared/errors';
import type { AllocationAuditQuery, RunSummaryView } from '../../projections/allocation-audit/allocation-audit.query';

export function runNotFound(runId: string): NotFound {
  return new NotFound(`There is no allocation run ${runId}.`, 'ALLOCATION_RUN_NOT_FOUND');
}

/** The run as the read model shows it, once the command's events are in it. */
export function shownRun(audit: AllocationAuditQuery, runId: string): RunSummaryView {
  const run = audit.run(runId);
  if (run === undefined) {
    throw new ServiceUnavailableException({
      error: 'RUN_NOT_SHOWN_YET',
      message: `The allocation run ${runId} is recorded but cannot be shown yet: GET /allocations/${runId} in a moment.`,
    });
  }
  return run;
}
