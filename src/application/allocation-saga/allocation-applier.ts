import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Decision } from '../../allocation/allocation.types';
import { allocationRunDecider } from '../../allocation/allocation-run.decider';
import { AllocationRunEvent, allocationStream } from '../../allocation/allocation-run.events';
import {
  AllocationProcessCommand,
  allocationProcessDecider,
} from '../../allocation/process/allocation-process.decider';
import {
  AllocationProcessEvent,
  allocationProcessStream,
  SkippedDecision,
  SkipReason,
} from '../../allocation/process/allocation-process.events';
import type { AllocationProcessState } from '../../allocation/process/allocation-process.state';
import { bookingDecider, bookingStream } from '../../domain/order/booking.decider';
import { whyDecisionSkipped } from '../../domain/order/decide-reservation.command';
import { fold } from '../../domain/shared/decider';
import { NotFound } from '../../domain/shared/errors';
import { EventStore } from '../../event-store/event-store.port';
import { Clock } from '../shared/clock';
import { CommandContext, systemContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { handleCommand } from '../shared/handle-command';
import { nameBasedIds } from '../shared/name-based-id';
import { AllocationSagaFaults } from './allocation-saga.faults';

/** namespace of the v5 UUIDs of the saga's commands: the same command on a replay, the same event ids */
const sagaCommandId = nameBasedIds('8a3f1c62-4e0b-4d7a-b5c9-2f61e8d0a4b7');
/** children whose decisions are applied at the same time; one child's decisions go one after another */
export const CHILDREN_AT_A_TIME = 32;

export interface ApplicationOutcome {
  runId: string;
  /** `NotApproved`: nothing to apply (a run proposed, discarded or unknown) */
  status: 'Completed' | 'NotApproved';
  applied: number;
  skipped: number;
}

/** The saga's command id for one decision: the same on every attempt, so its event ids repeat. */
export function decisionCommandId(runId: string, reservationId: string): string {
  return sagaCommandId(`DecideReservation/${runId}/${reservationId}`);
}

function processCommandId(runId: string, step: string): string {
  return sagaCommandId(`AllocationProcess/${runId}/${step}`);
}

/** The application was stopped (shutdown) between two decisions; the next start resumes it. */
export class AllocationApplicationInterrupted extends Error {
  constructor(runId: string) {
    super(`the application of allocation run ${runId} was interrupted by a shutdown; it resumes at the next start`);
    this.name = 'AllocationApplicationInterrupted';
  }
}

type DecisionOutcome = { applied: true; position?: number } | { applied: false; why: SkipReason };

/**
 * Applies an approved run's decisions to the orders, chunk after chunk of the run's stream, and
 * records each chunk in the process stream (`allocationProcessStream`): a restart reads where it
 * stopped and resumes there. Exactly once: a decision already on its order adds nothing
 * (DecideReservation is idempotent and its command id is derived), a chunk already recorded adds
 * nothing (the process decider), and two appliers of one run, in two processes, meet on the
 * expected revisions of the booking and process streams.
 */
@Injectable()
export class AllocationApplier {
  private readonly logger = new Logger('AllocationSaga');
  /** one application of a run at a time in this process: the saga, the start-up resume and a retry may race */
  private readonly running = new Map<string, Promise<ApplicationOutcome>>();
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    private readonly commands: Commands,
    private readonly clock: Clock,
    @Inject(AllocationSagaFaults) private readonly faults: AllocationSagaFaults,
  ) {}

  /** applies the run, or joins its application under way */
  apply(runId: string): Promise<ApplicationOutcome> {
    if (this.stopping) return Promise.reject(new AllocationApplicationInterrupted(runId));
    const running = this.running.get(runId);
    if (running !== undefined) return running;
    const application = this.applyRun(runId).finally(() => this.running.delete(runId));
    this.running.set(runId, application);
    return application;
  }

  /** stops the applications under way between two decisions, and waits for them */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }

  private async applyRun(runId: string): Promise<ApplicationOutcome> {
    // a delivery after completion stops here, without reading the run's decisions
    const done = fold(allocationProcessDecider, await this.processEvents(runId));
    if (done.status === 'Completed') {
      return { runId, status: 'Completed', applied: done.applied, skipped: done.skipped };
    }
    const recorded = await this.store.readStream(allocationStream(runId));
    const run = fold(allocationRunDecider, recorded as unknown as AllocationRunEvent[]);
    if (run.status !== 'Approved') return { runId, status: 'NotApproved', applied: 0, skipped: 0 };
    const approved = recorded.find((event) => event.type === 'AllocationApproved');
    const cause = approved && { correlationId: approved.metadata.correlationId, eventId: approved.metadata.eventId };
    const chunks = run.run.decisionChunks;
    const { programId, roundId } = run.run;
    const decisionCount = chunks.reduce((n, chunk) => n + chunk.length, 0);
    const step = (name: string, command: AllocationProcessCommand) => this.record(runId, name, command, cause);

    let process = await step('start', {
      type: 'StartApplyingAllocation',
      data: { runId, programId, roundId, decisionCount, chunkCount: chunks.length, now: this.now() },
    });
    for (let chunk = nextChunkOf(process); chunk < chunks.length; chunk = nextChunkOf(process)) {
      const { applied, skipped, position } = await this.applyChunk(runId, chunks[chunk], cause);
      // once per chunk: the read models never lag more than a chunk behind the saga
      await this.commands.settled(position);
      this.logger.log(
        `run ${runId}, chunk ${chunk + 1}/${chunks.length}: ${applied} applied, ${skipped.length} skipped`,
      );
      process = await step(`chunk/${chunk}`, {
        type: 'RecordChunkApplied',
        data: { runId, chunk, applied, skipped, now: this.now() },
      });
    }
    process = await step('complete', { type: 'CompleteAllocationApplication', data: { runId, now: this.now() } });
    if (process.status !== 'Completed') throw new Error(`the application of allocation run ${runId} did not complete`);
    return { runId, status: 'Completed', applied: process.applied, skipped: process.skipped };
  }

  /**
   * One step of the process stream, appended with the expected revision. Another applier that
   * recorded it first makes the decider add nothing, and the state read back says where to go on.
   */
  private async record(
    runId: string,
    step: string,
    command: AllocationProcessCommand,
    cause: Cause,
  ): Promise<AllocationProcessState> {
    const context = this.context(processCommandId(runId, step), cause);
    const result = await handleCommand(
      this.store,
      allocationProcessStream(runId),
      allocationProcessDecider,
      command,
      context,
    );
    return result.state;
  }

  private async processEvents(runId: string): Promise<AllocationProcessEvent[]> {
    return (await this.store.readStream(allocationProcessStream(runId))) as unknown as AllocationProcessEvent[];
  }

  /** a child's decisions one after another (one stream), children in parallel, a bounded number at a time */
  private async applyChunk(runId: string, decisions: readonly Decision[], cause: Cause) {
    const now = this.now();
    const outcomes: DecisionOutcome[] = new Array(decisions.length);
    const byChild = new Map<string, number[]>();
    decisions.forEach((decision, i) => {
      const indexes = byChild.get(decision.childId);
      if (indexes === undefined) byChild.set(decision.childId, [i]);
      else indexes.push(i);
    });
    await forEachLimited([...byChild.values()], CHILDREN_AT_A_TIME, async (indexes) => {
      for (const i of indexes) outcomes[i] = await this.applyDecision(runId, decisions[i], now, cause);
    });
    let applied = 0;
    let position: number | undefined;
    const skipped: SkippedDecision[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.applied) {
        applied += 1;
        if (outcome.position !== undefined) position = Math.max(position ?? 0, outcome.position);
      } else {
        skipped.push({ reservationId: decisions[i].reservationId, why: outcome.why });
      }
    });
    return { applied, skipped, position };
  }

  private async applyDecision(runId: string, decision: Decision, now: string, cause: Cause): Promise<DecisionOutcome> {
    if (this.stopping) throw new AllocationApplicationInterrupted(runId);
    this.faults.beforeDecision();
    const { childId, reservationId } = decision;
    const context = this.context(decisionCommandId(runId, reservationId), cause);
    try {
      const result = await handleCommand(
        this.store,
        bookingStream(childId),
        bookingDecider,
        { type: 'DecideReservation', data: { childId, reservationId, runId, decision, now } },
        context,
      );
      if (result.events.length > 0) return { applied: true, position: result.position };
      const why = whyDecisionSkipped(result.state, reservationId, runId);
      // applied by an attempt that stopped before recording its chunk
      if (why === 'ALREADY_DECIDED_BY_THIS_RUN') return { applied: true };
      if (why === null) {
        throw new Error(`reservation ${reservationId} is pending, yet run ${runId} could not decide it`);
      }
      return { applied: false, why };
    } catch (error) {
      if (error instanceof NotFound && error.code === 'RESERVATION_NOT_FOUND') {
        this.logger.warn(`run ${runId}: reservation ${reservationId} is not in child ${childId}'s stream; skipped`);
        return { applied: false, why: 'RESERVATION_NOT_FOUND' };
      }
      throw error;
    }
  }

  private context(commandId: string, cause: Cause): CommandContext {
    return { ...systemContext('allocation-saga', this.clock.now(), cause), commandId };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

type Cause = { correlationId: string; eventId: string } | undefined;

function nextChunkOf(process: AllocationProcessState): number {
  switch (process.status) {
    case 'NotStarted':
      throw new Error('the application did not start');
    case 'Applying':
      return process.nextChunk;
    case 'Completed':
      return process.chunkCount;
  }
}

/**
 * Runs `work` on every item, at most `limit` at a time. After a failure no new item starts, the
 * items under way finish, then the first error is thrown: nothing is left writing in the background.
 */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
