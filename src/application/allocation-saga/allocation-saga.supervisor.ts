import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus, UnhandledExceptionBus } from '@nestjs/cqrs';
import { filter, Subscription } from 'rxjs';
import { AllocationProcessQuery } from '../../projections/allocation-process/allocation-process.query';
import { AppConfig } from '../config/app-config';
import { AllocationApplicationInterrupted, AllocationApplier } from './allocation-applier';
import { ApplyAllocationCommand } from './apply-allocation.handler';

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 5 * 60_000;

/**
 * Keeps the allocation saga going:
 * - at start-up it resumes every approved run whose application is not completed: the event bus
 *   republishes only what follows its checkpoint, and that checkpoint may have passed
 *   AllocationApproved before the process died. The read models have caught up by then
 *   (InfrastructureModule is global: its start-up hook runs before this module's).
 * - a failed application is logged (errors of sagas bypass the exception filters and reach
 *   UnhandledExceptionBus) and tried again later, with a growing delay; never dropped silently.
 */
@Injectable()
export class AllocationSagaSupervisor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AllocationSaga');
  private subscription?: Subscription;
  private readonly retries = new Map<string, { attempt: number; timer?: NodeJS.Timeout }>();
  private stopped = false;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly unhandled: UnhandledExceptionBus,
    private readonly processes: AllocationProcessQuery,
    @Inject(AllocationApplier) private readonly applier: AllocationApplier,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // in a cluster, the saga runs in the primary, where the event bus publishes
    if (this.config.PROCESS_ROLE === 'http') return;
    this.subscription = this.unhandled
      .pipe(filter(({ cause }) => cause instanceof ApplyAllocationCommand))
      .subscribe(({ cause, exception }) => this.failed((cause as ApplyAllocationCommand).runId, exception));
    for (const runId of this.processes.unfinishedRuns()) {
      this.logger.log(`resuming the application of allocation run ${runId}`);
      this.launch(runId);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
    this.retries.clear();
    await this.applier.stop();
  }

  private launch(runId: string): void {
    this.commandBus.execute(new ApplyAllocationCommand(runId)).then(
      (outcome) => {
        this.retries.delete(runId);
        if (outcome.status === 'Completed') {
          this.logger.log(`allocation run ${runId} applied: ${outcome.applied} decisions, ${outcome.skipped} skipped`);
        }
      },
      (error: unknown) => this.failed(runId, error),
    );
  }

  private failed(runId: string, error: unknown): void {
    if (this.stopped || error instanceof AllocationApplicationInterrupted) {
      this.logger.warn(
        `the application of allocation run ${runId} stopped: ${describe(error)}; it resumes at the next start`,
      );
      return;
    }
    const retry = this.retries.get(runId) ?? { attempt: 0 };
    // the saga and a resume share one application: its failure arrives twice, one retry is enough
    if (retry.timer !== undefined) return;
    retry.attempt += 1;
    const delay = Math.min(FIRST_RETRY_MS * 2 ** (retry.attempt - 1), LONGEST_RETRY_MS);
    this.logger.error(
      `applying allocation run ${runId} failed (attempt ${retry.attempt}), trying again in ${delay} ms: ${describe(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
    retry.timer = setTimeout(() => {
      retry.timer = undefined;
      this.launch(runId);
    }, delay);
    retry.timer.unref();
    this.retries.set(runId, retry);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
