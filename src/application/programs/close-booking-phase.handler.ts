import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import { seedCommitment } from '../../allocation/lottery';
import type { CloseBookingPhase } from '../../domain/booking-phase/close-booking-phase.command';
import { programDecider, programStream } from '../../domain/program/program.decider';
import { SeedVault } from '../seeds/seed-vault';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { ProgramFacts } from './program-facts';

export interface ClosedPhaseResult {
  phaseId: string;
  /** SHA-256 of the seed's bytes, published to families; the allocation run reveals the seed */
  seedCommitment: string;
  closedAt: string;
}

export class CloseBookingPhaseCommand extends Command<ClosedPhaseResult> {
  constructor(
    readonly programId: string,
    readonly phaseId: string,
    /** chosen by staff, 64 hex characters; otherwise drawn here */
    readonly seed: string | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

const SEED_BYTES = 32;

/**
 * PRODUCT.md: "The seed is committed before the draw". The seed is vaulted before the
 * commitment is appended; a retried close (after a crash in between) reuses it.
 */
@CommandHandler(CloseBookingPhaseCommand)
export class CloseBookingPhaseHandler implements ICommandHandler<CloseBookingPhaseCommand> {
  constructor(
    private readonly commands: Commands,
    private readonly programs: ProgramFacts,
    private readonly vault: SeedVault,
  ) {}

  async execute({ programId, phaseId, seed, context }: CloseBookingPhaseCommand): Promise<ClosedPhaseResult> {
    const now = context.now.toISOString();
    const close = (commitment: string): CloseBookingPhase => ({
      type: 'CloseBookingPhase',
      data: { phaseId, seedCommitment: commitment, now },
    });
    const candidate = seed ?? randomBytes(SEED_BYTES).toString('hex');
    // the domain's refusals first (no such phase, still open, already closed): no seed is vaulted for a phase that cannot close
    programDecider.decide(close(seedCommitment(candidate)), await this.programs.load(programId));
    const vaulted = this.vault.keep(programId, phaseId, candidate, context.now, seed !== undefined);
    await this.commands.run(programStream(programId), programDecider, close(vaulted.commitment), context);
    return { phaseId, seedCommitment: vaulted.commitment, closedAt: now };
  }
}
