import { ReadDatabase } from '../read-database';

export type AllocationProcessStatus = 'APPROVED' | 'APPLYING' | 'COMPLETED';

export interface AllocationProcessView {
  runId: string;
  programId: string;
  roundId: string;
  decisionCount: number;
  approvedAt: string;
  status: AllocationProcessStatus;
  /** null until the saga started */
  chunkCount: number | null;
  chunksApplied: number;
  applied: number;
  skipped: number;
  completedAt: string | null;
}

interface Row {
  run_id: string;
  program_id: string;
  round_id: string;
  decision_count: number;
  approved_at: string;
  status: AllocationProcessStatus;
  chunk_count: number | null;
  chunks_applied: number;
  applied: number;
  skipped: number;
  completed_at: string | null;
}

/** The approved runs and the progress of their application to the orders. */
export class AllocationProcessQuery {
  constructor(private readonly read: ReadDatabase) {}

  /** approved runs whose decisions are not all applied yet, the oldest approval first */
  unfinishedRuns(): string[] {
    return this.read.db
      .prepare<[], { run_id: string }>(
        `SELECT run_id FROM allocation_process_runs WHERE status <> 'COMPLETED' ORDER BY approved_at, run_id`,
      )
      .all()
      .map((row) => row.run_id);
  }

  progressOf(runId: string): AllocationProcessView | undefined {
    const row = this.read.db
      .prepare<[string], Row>('SELECT * FROM allocation_process_runs WHERE run_id = ?')
      .get(runId);
    return row === undefined ? undefined : view(row);
  }
}

function view(row: Row): AllocationProcessView {
  return {
    runId: row.run_id,
    programId: row.program_id,
    roundId: row.round_id,
    decisionCount: row.decision_count,
    approvedAt: row.approved_at,
    status: row.status,
    chunkCount: row.chunk_count,
    chunksApplied: row.chunks_applied,
    applied: row.applied,
    skipped: row.skipped,
    completedAt: row.completed_at,
  };
}
