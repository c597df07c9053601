import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedCommitment } from '../../allocation/lottery';
import { phaseOf } from '../../domain/booking-phase/booking-phase';
import { Conflict, NotFound } from '../../domain/shared/errors';
import { AppConfig } from '../config/app-config';
import { ProgramFacts } from '../programs/program-facts';

export interface VaultedSeed {
  /** 64 lowercase hex characters: 32 bytes drawn from a secure source, or given by staff */
  seed: string;
  /** SHA-256 of the seed's bytes, lowercase hex (src/allocation/lottery.ts, `seedCommitment`) */
  commitment: string;
}

/**
 * The seeds of the allocation lotteries, one per booking phase. PRODUCT.md: "when a booking
 * phase closes, its seed's SHA-256 is recorded and shown to families; the run reveals the seed".
 *
 * A seed is vaulted before its commitment is appended, so that a crash between the two leaves a
 * seed without commitment, and the retried close finds it instead of drawing another: never two
 * seeds for one phase, so no one can re-draw until the outcome suits them.
 *
 * Its own file (`seeds.sqlite` in DATA_DIR), never the read models' one: those are deleted and
 * rebuilt from the events, and a seed cannot be rebuilt. `synchronous=FULL`: a seed is durable
 * before its commitment is published.
 */
@Injectable()
export class SeedVault implements OnApplicationShutdown {
  private readonly db: Database.Database;

  constructor(
    config: AppConfig,
    private readonly programs: ProgramFacts,
  ) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    this.db = new Database(join(config.DATA_DIR, 'seeds.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS seeds (
      program_id TEXT NOT NULL,
      phase_id TEXT NOT NULL,
      seed TEXT NOT NULL,
      commitment TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (program_id, phase_id)
    ) WITHOUT ROWID`);
  }

  /**
   * Stores `candidate` as the phase's seed unless one is already stored, and returns the stored
   * one. `given`: the candidate was chosen by staff, so a different stored seed is a conflict
   * rather than something to use silently.
   */
  keep(programId: string, phaseId: string, candidate: string, now: Date, given = false): VaultedSeed {
    const seed = candidate.toLowerCase();
    this.db
      .prepare(
        'INSERT OR IGNORE INTO seeds (program_id, phase_id, seed, commitment, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(programId, phaseId, seed, seedCommitment(seed), now.toISOString());
    const stored = this.stored(programId, phaseId);
    if (stored === undefined) throw new Error(`the seed of phase ${phaseId} was not stored`);
    if (given && stored.seed !== seed) {
      throw new Conflict(
        `A seed was already drawn for this phase (commitment ${stored.commitment}): close it again without a seed, so that it keeps the one drawn.`,
        'SEED_ALREADY_DRAWN',
      );
    }
    return stored;
  }

  /** the commitment of the phase's vaulted seed, whether or not it was published yet */
  commitmentOf(programId: string, phaseId: string): string | undefined {
    return this.stored(programId, phaseId)?.commitment;
  }

  /**
   * The seed, for the allocation run (PRODUCT.md: "the run reveals the seed"). Only once the phase
   * is closed and its commitment recorded in the program stream, and only if the vaulted seed
   * hashes to that commitment: a seed revealed earlier would let someone know the draw in advance.
   */
  async reveal(programId: string, phaseId: string): Promise<string> {
    const program = await this.programs.load(programId);
    const phase = phaseOf(program, phaseId);
    if (phase === undefined) {
      throw new NotFound(`The program ${program.name} has no such booking phase.`, 'PHASE_NOT_FOUND');
    }
    if (phase.status !== 'Closed') {
      throw new Conflict(
        `The phase « ${phase.name} » is not closed yet: its seed is revealed only after its commitment is published.`,
        'PHASE_NOT_CLOSED',
      );
    }
    const stored = this.stored(programId, phaseId);
    if (stored === undefined || stored.commitment !== phase.seedCommitment) {
      // an operations problem (a lost or foreign seeds file), never to be papered over with a new draw
      throw new Conflict(
        `The seed committed when « ${phase.name} » closed (${phase.seedCommitment}) is not in the seed vault of this service: restore seeds.sqlite from its backup.`,
        'SEED_MISSING',
      );
    }
    return stored.seed;
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }

  private stored(programId: string, phaseId: string): VaultedSeed | undefined {
    return this.db
      .prepare<[string, string], VaultedSeed>(
        'SELECT seed, commitment FROM seeds WHERE program_id = ? AND phase_id = ?',
      )
      .get(programId, phaseId);
  }
}
