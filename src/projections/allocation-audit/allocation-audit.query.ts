import type { CutOff, Fairness } from '../../allocation/allocation.types';
import type { ClassLevel, Tier } from '../../domain/shared/school';
import type { ReadDatabase } from '../read-database';
import {
  DECISION_COLUMNS,
  DECISION_JOINS,
  decisionView,
  type DecisionRow,
  type DecisionView,
} from './allocation-decision.view';

export type RunStatus = 'RECORDING' | 'PROPOSED' | 'APPROVED' | 'DISCARDED';

/** A run in the program's trail: discarded ones stay (PRODUCT.md: no silent re-draw). */
export interface RunSummaryView {
  runId: string;
  programId: string;
  roundId: string;
  roundName: string | null;
  status: RunStatus;
  mechanismVersion: string;
  ranBy: string;
  ranAt: string;
  requestCount: number;
  decisionCount: number | null;
  approved: { by: string; at: string } | null;
  discarded: { by: string; at: string; reason: string } | null;
  /** SHA-256 of the seed, published when the round's phase closed */
  seedCommitment: string;
}

export interface ActivityReport {
  activityId: string;
  name: string | null;
  capacity: number;
  /** seats RESERVED by earlier rounds */
  reservedBefore: number;
  remaining: number;
  /** eligible requests per tier */
  requestsByTier: Record<Tier, number>;
  seated: number;
  refusedForCapacity: number;
  ineligible: number;
  seatsLeft: number;
  cutOff: CutOff | null;
}

/** The proposal as staff review it before approving it. */
export interface RunReport extends RunSummaryView {
  /** revealed by the run */
  seed: string;
  activities: ActivityReport[];
  fairness: Fairness | null;
}

export interface ChildDecisionsView {
  childId: string;
  firstName: string | null;
  lastName: string | null;
  familyId: string;
  classLevel: ClassLevel;
  tier: Tier;
  seated: number;
  refused: number;
  requests: DecisionView[];
}

interface RunRow {
  run_id: string;
  program_id: string;
  round_id: string;
  round_name: string | null;
  status: RunStatus;
  mechanism_version: string;
  seed: string;
  seed_commitment: string;
  ran_by: string;
  ran_at: string;
  request_count: number;
  decision_count: number | null;
  fairness: string | null;
  approved_by: string | null;
  approved_at: string | null;
  discarded_by: string | null;
  discarded_at: string | null;
  discard_reason: string | null;
}

interface ActivityRow {
  activity_id: string;
  name: string | null;
  capacity: number;
  reserved_seats: number;
  remaining: number;
  requests_tier1: number;
  requests_tier2: number;
  seated: number;
  refused_for_capacity: number;
  ineligible: number;
  seats_left: number;
  cut_off_tier: Tier | null;
  cut_off_number: string | null;
}

const RUNS = `SELECT r.*, rd.name AS round_name FROM allocation_runs r
  LEFT JOIN allocation_rounds rd ON rd.program_id = r.program_id AND rd.round_id = r.round_id`;

/** Staff's review of allocation runs, from the allocation-audit read model. */
export class AllocationAuditQuery {
  constructor(private readonly read: ReadDatabase) {}

  /** every run of the program, oldest first */
  runs(programId: string): RunSummaryView[] {
    const rows = this.read.db
      .prepare<[string], RunRow>(`${RUNS} WHERE r.program_id = ? ORDER BY r.position`)
      .all(programId);
    return rows.map(summaryOf);
  }

  run(runId: string): RunSummaryView | undefined {
    const row = this.read.db.prepare<[string], RunRow>(`${RUNS} WHERE r.run_id = ?`).get(runId);
    return row && summaryOf(row);
  }

  report(runId: string): RunReport | undefined {
    const db = this.read.db;
    const row = db.prepare<[string], RunRow>(`${RUNS} WHERE r.run_id = ?`).get(runId);
    if (row === undefined) return undefined;
    const activities = db
      .prepare<[string, string], ActivityRow>(
        `SELECT ra.*, aa.name FROM allocation_run_activities ra
         LEFT JOIN allocation_activities aa ON aa.program_id = ? AND aa.activity_id = ra.activity_id
         WHERE ra.run_id = ? ORDER BY ra.activity_id`,
      )
      .all(row.program_id, runId);
    return {
      ...summaryOf(row),
      seed: row.seed,
      activities: activities.map((a) => ({
        activityId: a.activity_id,
        name: a.name,
        capacity: a.capacity,
        reservedBefore: a.reserved_seats,
        remaining: a.remaining,
        requestsByTier: { 1: a.requests_tier1, 2: a.requests_tier2 },
        seated: a.seated,
        refusedForCapacity: a.refused_for_capacity,
        ineligible: a.ineligible,
        seatsLeft: a.seats_left,
        cutOff: a.cut_off_tier === null || a.cut_off_number === null ? null : cutOff(a.cut_off_tier, a.cut_off_number),
      })),
      fairness: row.fairness === null ? null : (JSON.parse(row.fairness) as Fairness),
    };
  }

  /**
   * the run's decisions grouped per child, by child id; `after` is the last child id of the
   * previous page. Children are walked through the round's reservations (indexed by child), the
   * decisions reached through their reservation.
   */
  children(runId: string, page: { after?: string; limit: number }): ChildDecisionsView[] {
    const db = this.read.db;
    const run = db
      .prepare<[string], { program_id: string; round_id: string }>(
        'SELECT program_id, round_id FROM allocation_runs WHERE run_id = ?',
      )
      .get(runId);
    if (run === undefined) return [];
    const params = { runId, programId: run.program_id, roundId: run.round_id };
    const childIds = db
      .prepare<[typeof params & { after: string; limit: number }], { child_id: string }>(
        `SELECT DISTINCT r.child_id FROM allocation_reservations r
         WHERE r.program_id = @programId AND r.round_id = @roundId AND r.child_id > @after
           AND EXISTS (SELECT 1 FROM allocation_decisions d
                       WHERE d.reservation_key = r.reservation_key AND d.reservation_id = r.reservation_id
                         AND d.run_id = @runId)
         ORDER BY r.child_id LIMIT @limit`,
      )
      .all({ ...params, after: page.after ?? '', limit: page.limit })
      .map((r) => r.child_id);
    if (childIds.length === 0) return [];
    const rows = db
      .prepare<
        [typeof params & { first: string; last: string }],
        DecisionRow & { child_id: string; family_id: string; first_name: string | null; last_name: string | null }
      >(
        `SELECT ${DECISION_COLUMNS}, d.child_id, d.family_id, c.first_name, c.last_name
         FROM allocation_reservations r
         JOIN allocation_decisions d
           ON d.reservation_key = r.reservation_key AND d.reservation_id = r.reservation_id AND d.run_id = @runId
         ${DECISION_JOINS}
         LEFT JOIN family_children c ON c.child_id = d.child_id
         WHERE r.program_id = @programId AND r.round_id = @roundId AND r.child_id BETWEEN @first AND @last
         ORDER BY d.child_id, d.activity_id, d.reservation_id`,
      )
      .all({ ...params, first: childIds[0], last: childIds[childIds.length - 1] });
    const byChild = new Map<string, ChildDecisionsView>();
    for (const row of rows) {
      let child = byChild.get(row.child_id);
      if (child === undefined) {
        child = {
          childId: row.child_id,
          firstName: row.first_name,
          lastName: row.last_name,
          familyId: row.family_id,
          classLevel: row.class_level,
          tier: row.tier,
          seated: 0,
          refused: 0,
          requests: [],
        };
        byChild.set(row.child_id, child);
      }
      if (row.outcome === 'RESERVED') child.seated += 1;
      else child.refused += 1;
      child.requests.push(decisionView(row));
    }
    return [...byChild.values()];
  }
}

function cutOff(tier: Tier, lotteryNumber: string): CutOff {
  return { tier, lotteryNumber };
}

function summaryOf(row: RunRow): RunSummaryView {
  return {
    runId: row.run_id,
    programId: row.program_id,
    roundId: row.round_id,
    roundName: row.round_name,
    status: row.status,
    mechanismVersion: row.mechanism_version,
    ranBy: row.ran_by,
    ranAt: row.ran_at,
    requestCount: row.request_count,
    decisionCount: row.decision_count,
    approved: row.approved_by === null ? null : { by: row.approved_by, at: row.approved_at ?? '' },
    discarded:
      row.discarded_by === null
        ? null
        : { by: row.discarded_by, at: row.discarded_at ?? '', reason: row.discard_reason ?? '' },
    seedCommitment: row.seed_commitment,
  };
}
