import type Database from 'better-sqlite3';
import type { AllocationApproved } from '../../allocation/allocation-run.events';
import type { AllocationProcessEvent } from '../../allocation/process/allocation-process.events';
import { assertNever } from '../../domain/shared/decider';
import { setupSchema, type Projection, type ProjectionSchema } from '../projection';
import { perDatabase } from '../per-database';

type Handled = AllocationApproved | AllocationProcessEvent;

const SCHEMA: ProjectionSchema = {
  tables: `
    CREATE TABLE IF NOT EXISTS allocation_process_runs (
      run_id TEXT PRIMARY KEY,
      program_id TEXT NOT NULL,
      round_id TEXT NOT NULL,
      decision_count INTEGER NOT NULL,
      approved_at TEXT NOT NULL,
      status TEXT NOT NULL,
      chunk_count INTEGER,
      chunks_applied INTEGER NOT NULL DEFAULT 0,
      applied INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      completed_at TEXT
    ) WITHOUT ROWID;
  `,
  // apply writes by primary key only: this one serves the saga's start-up query
  indexes: [
    'CREATE INDEX IF NOT EXISTS allocation_process_runs_by_status ON allocation_process_runs (status, approved_at)',
  ],
};

/**
 * Approved runs and how far the saga applied their decisions: at start-up the saga resumes the
 * runs not completed without scanning the store (an AllocationApproved the event bus passed
 * before a crash is never published again).
 */
export const allocationProcessProjection: Projection = {
  name: 'allocation-process',
  version: 1,
  tables: ['allocation_process_runs'],
  schema: SCHEMA,
  setup: setupSchema(SCHEMA),
  handles: new Set<Handled['type']>([
    'AllocationApproved',
    'AllocationApplicationStarted',
    'AllocationChunkApplied',
    'AllocationApplicationCompleted',
  ]),
  apply(db, recorded) {
    const s = statementsOf(db);
    const event = { type: recorded.type, data: recorded.data } as Handled;
    switch (event.type) {
      case 'AllocationApproved': {
        const { runId, programId, roundId, decisionCount, approvedAt } = event.data;
        s.approved.run(runId, programId, roundId, decisionCount, approvedAt);
        return;
      }
      case 'AllocationApplicationStarted':
        s.started.run(event.data.chunkCount, event.data.runId);
        return;
      case 'AllocationChunkApplied': {
        const { runId, chunk, applied, skipped } = event.data;
        s.chunk.run(chunk + 1, applied, skipped.length, runId, chunk);
        return;
      }
      case 'AllocationApplicationCompleted': {
        const { runId, applied, skipped, completedAt } = event.data;
        s.completed.run(applied, skipped, completedAt, runId);
        return;
      }
      default:
        return assertNever(event);
    }
  },
};

const statementsOf = perDatabase(prepare);

function prepare(db: Database.Database) {
  return {
    approved: db.prepare(
      `INSERT OR IGNORE INTO allocation_process_runs (run_id, program_id, round_id, decision_count, approved_at, status)
       VALUES (?, ?, ?, ?, ?, 'APPROVED')`,
    ),
    started: db.prepare(
      `UPDATE allocation_process_runs SET status = 'APPLYING', chunk_count = ? WHERE run_id = ? AND status = 'APPROVED'`,
    ),
    chunk: db.prepare(
      `UPDATE allocation_process_runs
       SET chunks_applied = ?, applied = applied + ?, skipped = skipped + ?
       WHERE run_id = ? AND status = 'APPLYING' AND chunks_applied = ?`,
    ),
    completed: db.prepare(
      `UPDATE allocation_process_runs SET status = 'COMPLETED', applied = ?, skipped = ?, completed_at = ?
       WHERE run_id = ?`,
    ),
  };
}
