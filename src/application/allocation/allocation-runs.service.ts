import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { allocationRunDecider } from '../../allocation/allocation-run.decider';
import { allocationStream } from '../../allocation/allocation-run.events';
import type { AllocationActivity } from '../../allocation/allocation.types';
import type { RunAllocation } from '../../allocation/run-allocation.command';
import { phaseOf, phasesOf, type ClosedPhase } from '../../domain/booking-phase/booking-phase';
import { instantOf } from '../../domain/program/calendar';
import { scheduledActivities, type CreatedProgram } from '../../domain/program/program.state';
import { Conflict, NotFound } from '../../domain/shared/errors';
import { EventStore } from '../../event-store/event-store.port';
import {
  approvedRunOf,
  pendingIn,
  pendingRequests,
  reservedSeats,
} from '../../projections/allocation-audit/allocation-inputs.query';
import { ReadDatabase } from '../../projections/read-database';
import { ProgramFacts } from '../programs/program-facts';
import { ReadModels } from '../projections/read-models';
import { SeedVault } from '../seeds/seed-vault';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

export interface AllocationRunOptions {
  /** a fresh UUID unless given */
  runId?: string;
  /** requests, and decisions, per recorded event (the decider's default otherwise) */
  chunkSize?: number;
}

export interface AllocationRunResult {
  runId: string;
  programId: string;
  roundId: string;
  requestCount: number;
  /** global position of the run's last event */
  position: number | undefined;
  timings: {
    /** reading the program, the read models and the seed */
    gatherMs: number;
    /** deciding, recording, and waiting until the read models show the run */
    decideAndRecordMs: number;
  };
}

/**
 * RunAllocation (PRODUCT.md): gathers the round's inputs from the read models in bulk, then lets
 * the run's decider decide every pending reservation of the round as a proposal and record the
 * inputs and decisions in chunks. Injectable on its own so that a benchmark can call it in-process.
 */
@Injectable()
export class AllocationRuns {
  private readonly logger = new Logger('AllocationRuns');

  constructor(
    private readonly store: EventStore,
    private readonly projections: ReadModels,
    private readonly read: ReadDatabase,
    private readonly programs: ProgramFacts,
    private readonly vault: SeedVault,
    private readonly commands: Commands,
  ) {}

  async run(
    programId: string,
    roundId: string,
    context: CommandContext,
    options: AllocationRunOptions = {},
  ): Promise<AllocationRunResult> {
    const started = performance.now();
    const program = await this.programs.load(programId);
    const round = closedRound(program, roundId);
    await this.readModelsUpToDate();
    this.checkRoundCanRun(program, round);
    const db = this.read.db;
    const { requests, unknownChildren } = pendingRequests(db, { programId, roundId, schoolYear: program.schoolYear });
    if (unknownChildren.length > 0) {
      throw new Conflict(
        `The families read model does not know the children ${[...new Set(unknownChildren)].slice(0, 5).join(', ')}: rebuild the read models, then run again.`,
        'CHILD_UNKNOWN',
      );
    }
    if (requests.length === 0) {
      throw new Conflict(`« ${round.name} » has no pending reservation to allocate.`, 'NOTHING_PENDING');
    }
    const seed = await this.vault.reveal(programId, roundId);
    const gathered = performance.now();
    const runId = options.runId ?? randomUUID();
    const command: RunAllocation = {
      type: 'RunAllocation',
      data: {
        runId,
        programId,
        roundId,
        input: {
          mechanismVersion: 'v1',
          seed,
          activities: activitiesOf(program, reservedSeats(db, programId)),
          requests,
        },
        seedCommitment: round.seedCommitment,
        ranBy: context.actor,
        ranAt: context.now.toISOString(),
        ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
      },
    };
    const { position } = await this.commands.run(allocationStream(runId), allocationRunDecider, command, context);
    const done = performance.now();
    const timings = { gatherMs: Math.round(gathered - started), decideAndRecordMs: Math.round(done - gathered) };
    this.logger.log(`run ${runId}: ${requests.length} requests, ${JSON.stringify(timings)}`);
    return { runId, programId, roundId, requestCount: requests.length, position, timings };
  }

  /** everything stored before the run is in the read models it gathers from */
  private async readModelsUpToDate(): Promise<void> {
    try {
      await this.projections.waitFor(await this.store.headPosition());
    } catch {
      throw new ServiceUnavailableException({
        error: 'READ_MODELS_BEHIND',
        message: 'The read models are not up to date yet: nothing was run; try again in a moment.',
      });
    }
  }

  /**
   * A round already approved stands; an earlier round must be allocated and applied first, or
   * this round would take seats that earlier round's requests are owed.
   */
  private checkRoundCanRun(program: CreatedProgram, round: ClosedPhase): void {
    const db = this.read.db;
    const approved = approvedRunOf(db, program.programId, round.phaseId);
    if (approved !== undefined) {
      throw new Conflict(
        `Run ${approved.runId} of « ${round.name} » was approved on ${approved.approvedAt}: its decisions stand, the round cannot be run again.`,
        'ROUND_ALREADY_ALLOCATED',
      );
    }
    const opensAt = instantOf(round.opensAt);
    for (const earlier of phasesOf(program)) {
      if (earlier.phaseId === round.phaseId || instantOf(earlier.opensAt) >= opensAt) continue;
      const count = pendingIn(db, program.programId, earlier.phaseId);
      if (count === 0) continue;
      const run = approvedRunOf(db, program.programId, earlier.phaseId);
      throw run
        ? new Conflict(
            `The decisions of run ${run.runId}, approved for « ${earlier.name} », are still being applied to ${count} reservations: try again in a moment.`,
            'EARLIER_ROUND_BEING_APPLIED',
          )
        : new Conflict(
            `« ${earlier.name} » still has ${count} pending reservations: allocate and approve that round first, so that its seats are counted.`,
            'EARLIER_ROUND_NOT_ALLOCATED',
          );
    }
  }
}

function closedRound(program: CreatedProgram, roundId: string): ClosedPhase {
  const round = phaseOf(program, roundId);
  if (round === undefined) {
    throw new NotFound(`The program ${program.name} has no booking phase ${roundId}.`, 'ROUND_NOT_FOUND');
  }
  if (round.status !== 'Closed') {
    throw new Conflict(
      `« ${round.name} » is not closed yet (it closes at ${round.closesAt}): close it, which publishes its seed commitment, then run the allocation.`,
      'ROUND_NOT_CLOSED',
    );
  }
  return round;
}

/** Withdrawn activities are left out: their requests are refused as UNKNOWN_ACTIVITY. */
function activitiesOf(program: CreatedProgram, reserved: ReadonlyMap<string, number>): AllocationActivity[] {
  return scheduledActivities(program)
    .map(({ activityId, capacity, acceptedLevels }) => ({
      activityId,
      capacity,
      reservedSeats: reserved.get(activityId) ?? 0,
      acceptedLevels: [...acceptedLevels],
    }))
    .sort((a, b) => (a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0));
}
