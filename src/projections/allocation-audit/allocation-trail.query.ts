import type { CancellationReason } from '../../domain/order/order.events';
import type { ReservationStatus } from '../../domain/order/reservation';
import type { ReadDatabase } from '../read-database';
import { reservationKey } from './allocation-audit.projection';
import type { RunStatus } from './allocation-audit.query';
import {
  DECISION_COLUMNS,
  DECISION_JOINS,
  decisionView,
  type DecisionRow,
  type DecisionView,
} from './allocation-decision.view';

/** What was applied to the reservation's order once a run was approved (ReservationReserved/Rejected). */
export interface AppliedDecision {
  runId: string;
  outcome: 'RESERVED' | 'REJECTED';
  at: string;
  /** the actor of the event: the allocation saga */
  by: string;
  details: Record<string, unknown>;
}

/** Everything that happened to one reservation, for staff (PRODUCT.md: replay and audit every decision). */
export interface ReservationTrail {
  reservationId: string;
  orderId: string;
  programId: string;
  roundId: string;
  roundName: string | null;
  activityId: string;
  activityName: string;
  childId: string;
  familyId: string;
  status: ReservationStatus;
  placed: { at: string; by: string; orderId: string };
  cancelledByStaff: { at: string; by: string; reason: CancellationReason } | null;
  /** every run that decided it, oldest first, discarded ones included */
  runs: { runId: string; runStatus: RunStatus; ranAt: string; ranBy: string; decision: DecisionView }[];
  applied: AppliedDecision | null;
}

/** A family's own reservation and the approved run's decision on it: nothing of any other family. */
export interface FamilyAllocationView {
  reservationId: string;
  familyId: string;
  activityId: string;
  activityName: string;
  roundId: string;
  roundName: string | null;
  status: ReservationStatus;
  /** null until a run of the round is approved */
  runId: string | null;
  decision: DecisionView | null;
  seedCommitment: string | null;
  /** revealed to families once a run of the round is approved */
  seed: string | null;
}

export interface RoundSeedView {
  programId: string;
  roundId: string;
  roundName: string;
  closed: boolean;
  commitment: string | null;
  approvedRunId: string | null;
  seed: string | null;
}

interface ReservationRow {
  reservation_id: string;
  order_id: string;
  program_id: string;
  round_id: string;
  round_name: string | null;
  activity_id: string;
  activity_name: string;
  child_id: string;
  family_id: string;
  status: ReservationStatus;
  placed_at: string;
  placed_by: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancellation_reason: string | null;
  applied_run_id: string | null;
  applied_outcome: string | null;
  applied_at: string | null;
  applied_by: string | null;
  seed_commitment: string | null;
}

const RESERVATION = `SELECT res.*, rd.name AS round_name, rd.seed_commitment FROM allocation_reservations res
  LEFT JOIN allocation_rounds rd ON rd.program_id = res.program_id AND rd.round_id = res.round_id
  WHERE res.reservation_id = ?`;

/** One reservation's trail, a family's view of its decision, a round's seed: from the allocation-audit read model. */
export class AllocationTrailQuery {
  constructor(private readonly read: ReadDatabase) {}

  trail(reservationId: string): ReservationTrail | undefined {
    const db = this.read.db;
    const row = db.prepare<[string], ReservationRow>(RESERVATION).get(reservationId);
    if (row === undefined) return undefined;
    const runs = db
      .prepare<
        [number, string],
        DecisionRow & { run_id: string; run_status: RunStatus; ran_at: string; ran_by: string }
      >(
        `SELECT ${DECISION_COLUMNS}, d.run_id, run.status AS run_status, run.ran_at, run.ran_by
         FROM allocation_decisions d ${DECISION_JOINS}
         WHERE d.reservation_key = ? AND d.reservation_id = ? ORDER BY run.position`,
      )
      .all(reservationKey(reservationId), reservationId);
    return {
      reservationId,
      orderId: row.order_id,
      programId: row.program_id,
      roundId: row.round_id,
      roundName: row.round_name,
      activityId: row.activity_id,
      activityName: row.activity_name,
      childId: row.child_id,
      familyId: row.family_id,
      status: row.status,
      placed: { at: row.placed_at, by: row.placed_by, orderId: row.order_id },
      cancelledByStaff:
        row.cancelled_at === null
          ? null
          : {
              at: row.cancelled_at,
              by: row.cancelled_by ?? '',
              reason: JSON.parse(row.cancellation_reason ?? '{}') as CancellationReason,
            },
      runs: runs.map((r) => ({
        runId: r.run_id,
        runStatus: r.run_status,
        ranAt: r.ran_at,
        ranBy: r.ran_by,
        decision: decisionView(r),
      })),
      applied: appliedOf(row),
    };
  }

  /** undefined when the reservation is not the family's: the caller answers as if it did not exist */
  ofFamily(familyId: string, reservationId: string): FamilyAllocationView | undefined {
    const db = this.read.db;
    const row = db.prepare<[string], ReservationRow>(RESERVATION).get(reservationId);
    if (row === undefined || row.family_id !== familyId) return undefined;
    const approved = db
      .prepare<[number, string, string], DecisionRow & { run_id: string; seed: string }>(
        `SELECT ${DECISION_COLUMNS}, d.run_id, run.seed
         FROM allocation_decisions d ${DECISION_JOINS}
         WHERE d.reservation_key = ? AND d.reservation_id = ? AND run.status = 'APPROVED' AND run.round_id = ?
         LIMIT 1`,
      )
      .get(reservationKey(reservationId), reservationId, row.round_id);
    return {
      reservationId,
      familyId,
      activityId: row.activity_id,
      activityName: row.activity_name,
      roundId: row.round_id,
      roundName: row.round_name,
      status: row.status,
      runId: approved?.run_id ?? null,
      decision: approved ? decisionView(approved) : null,
      seedCommitment: row.seed_commitment,
      seed: approved?.seed ?? null,
    };
  }

  roundSeed(programId: string, roundId: string): RoundSeedView | undefined {
    const db = this.read.db;
    const round = db
      .prepare<[string, string], { name: string; seed_commitment: string | null; closed_at: string | null }>(
        'SELECT name, seed_commitment, closed_at FROM allocation_rounds WHERE program_id = ? AND round_id = ?',
      )
      .get(programId, roundId);
    if (round === undefined) return undefined;
    const approved = db
      .prepare<[string, string], { run_id: string; seed: string }>(
        `SELECT run_id, seed FROM allocation_runs WHERE program_id = ? AND round_id = ? AND status = 'APPROVED' LIMIT 1`,
      )
      .get(programId, roundId);
    return {
      programId,
      roundId,
      roundName: round.name,
      closed: round.closed_at !== null,
      commitment: round.seed_commitment,
      approvedRunId: approved?.run_id ?? null,
      seed: approved?.seed ?? null,
    };
  }
}

function appliedOf(row: ReservationRow): AppliedDecision | null {
  if (row.applied_run_id === null || row.applied_outcome === null) return null;
  const { outcome, ...details } = JSON.parse(row.applied_outcome) as { outcome: 'RESERVED' | 'REJECTED' };
  return { runId: row.applied_run_id, outcome, at: row.applied_at ?? '', by: row.applied_by ?? '', details };
}
