import type { CutOff, IneligibleDetail } from '../../allocation/allocation.types';
import type { ClassLevel, Tier } from '../../domain/shared/school';

/** One decision of a run on one reservation, as staff and (for their own) parents read it. */
export interface DecisionView {
  reservationId: string;
  activityId: string;
  activityName: string | null;
  outcome: 'RESERVED' | 'REJECTED';
  /** REJECTED only */
  reason: 'CAPACITY' | 'INELIGIBLE' | null;
  /** INELIGIBLE only */
  detail: IneligibleDetail | null;
  tier: Tier;
  classLevel: ClassLevel;
  lotteryNumber: string;
  /** 1-based place among the activity's eligible requests; null when ineligible */
  rank: number | null;
  /** the activity's cut-off in this run: the last tier and number seated (null: no seat was given) */
  cutOff: CutOff | null;
  /** the decision in one sentence */
  explanation: string;
}

export interface DecisionRow {
  reservation_id: string;
  activity_id: string;
  activity_name: string | null;
  tier: Tier;
  class_level: ClassLevel;
  lottery_number: string;
  outcome: 'RESERVED' | 'REJECTED';
  reason: 'CAPACITY' | 'INELIGIBLE' | null;
  detail: IneligibleDetail | null;
  rank: number | null;
  activity_cut_off_tier: Tier | null;
  activity_cut_off_number: string | null;
}

/**
 * The columns of a `DecisionRow`, for a query over `allocation_decisions d`; it must also join
 * `allocation_run_activities ra` (the run's activity) and `allocation_activities aa` (its name).
 */
export const DECISION_COLUMNS = `d.reservation_id, d.activity_id, aa.name AS activity_name, d.tier, d.class_level,
  d.lottery_number, d.outcome, d.reason, d.detail, d.rank,
  ra.cut_off_tier AS activity_cut_off_tier, ra.cut_off_number AS activity_cut_off_number`;

export const DECISION_JOINS = `
  LEFT JOIN allocation_run_activities ra ON ra.run_id = d.run_id AND ra.activity_id = d.activity_id
  LEFT JOIN allocation_runs run ON run.run_id = d.run_id
  LEFT JOIN allocation_activities aa ON aa.program_id = run.program_id AND aa.activity_id = d.activity_id`;

export function decisionView(row: DecisionRow): DecisionView {
  const cutOff =
    row.activity_cut_off_tier === null || row.activity_cut_off_number === null
      ? null
      : { tier: row.activity_cut_off_tier, lotteryNumber: row.activity_cut_off_number };
  const view = {
    reservationId: row.reservation_id,
    activityId: row.activity_id,
    activityName: row.activity_name,
    outcome: row.outcome,
    reason: row.reason,
    detail: row.detail,
    tier: row.tier,
    classLevel: row.class_level,
    lotteryNumber: row.lottery_number,
    rank: row.rank,
    cutOff,
  };
  return { ...view, explanation: explain(view) };
}

const INELIGIBLE: Record<IneligibleDetail, string> = {
  CLASS_LEVEL_NOT_ACCEPTED: "the child's class level is not accepted in this activity",
  ACCOUNT_NOT_VALIDATED: 'the account was not validated for this program',
  DUPLICATE_REQUEST: 'the child asked for this activity twice; the first request was kept',
  UNKNOWN_ACTIVITY: 'the activity is no longer offered',
};

/** PRODUCT.md: "every decision explains itself". */
function explain(d: Omit<DecisionView, 'explanation'>): string {
  const place = `rank ${d.rank} (tier ${d.tier}, lottery number ${d.lotteryNumber})`;
  const last =
    d.cutOff && `the last request seated was tier ${d.cutOff.tier}, lottery number ${d.cutOff.lotteryNumber}`;
  if (d.outcome === 'RESERVED') return `Seated at ${place}.`;
  if (d.reason === 'INELIGIBLE') return `Refused: ${INELIGIBLE[d.detail ?? 'UNKNOWN_ACTIVITY']}.`;
  return last
    ? `Refused for capacity at ${place}: ${last}.`
    : `Refused for capacity at ${place}: no seat was left in this activity.`;
}
