import type Database from 'better-sqlite3';
import { CANCELLATION_REASON_CODES } from '../../domain/order/order.events';
import type { Tier } from '../../domain/shared/school';
import { activitiesOf, programOf, type ReportActivity, type ReportProgram } from './programs.query';

/** Why reservations ended CANCELLED: staff's cancellation codes, then the allocation's rejections. */
export const CANCELLED_REASONS = [...CANCELLATION_REASON_CODES, 'CAPACITY', 'INELIGIBLE'] as const;
export type CancelledReason = (typeof CANCELLED_REASONS)[number];
/** the tier of the family's latest validation for the program's school year; `unknown` without one */
export const TIER_KEYS = ['1', '2', 'unknown'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

export interface Figures {
  pending: number;
  reserved: number;
  cancelled: { total: number } & Record<CancelledReason, number>;
  /** demand: pending + reserved + rejected for capacity (staff cancellations and ineligible requests are not demand) */
  requests: number;
}

export interface Rates {
  capacity: number;
  /** capacity − reserved, never below 0; 0 for a withdrawn activity */
  seatsLeft: number;
  /** reserved / capacity, 3 decimals; null when the capacity is 0 */
  fillRate: number | null;
  /** requests / capacity, 3 decimals; null when the capacity is 0 */
  demandRatio: number | null;
}

export type ActivityFillRate = ReportActivity & Figures & Rates & { byTier: Record<TierKey, Figures> };
export type FillRateTotals = Figures & Rates & { byTier: Record<TierKey, Figures> };

export interface PhaseMilestone {
  phaseId: string;
  name: string;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  /** the global position of its BookingPhaseClosed: ask `asOfPosition` for the figures when it closed */
  closedAtPosition: number | null;
}

export interface FillRates {
  program: ReportProgram;
  phases: PhaseMilestone[];
  activities: ActivityFillRate[];
  /** over every activity; the capacity of withdrawn activities is not counted */
  totals: FillRateTotals;
}

interface CountRow {
  activity_id: string;
  status: 'PENDING' | 'RESERVED' | 'CANCELLED';
  reason: CancelledReason | null;
  tier: Tier | null;
  n: number;
}

/** Per activity of the program: capacity, pending, reserved, cancelled by reason, seats left, demand, by tier. */
export function fillRatesOf(db: Database.Database, programId: string): FillRates | undefined {
  const program = programOf(db, programId);
  if (program === undefined) return undefined;
  const counts = db
    .prepare<[string, string], CountRow>(
      `SELECT r.activity_id, r.status, r.reason, t.tier, COUNT(*) AS n
       FROM report_reservations r
       LEFT JOIN report_tiers t ON t.family_id = r.family_id AND t.school_year = ?
       WHERE r.program_id = ?
       GROUP BY r.activity_id, r.status, r.reason, t.tier`,
    )
    .all(program.schoolYear, programId);
  const totals = { ...noFigures(), byTier: byTier() };
  const activities = activitiesOf(db, programId).map((activity) => ({ ...activity, ...noFigures(), byTier: byTier() }));
  const byId = new Map(activities.map((activity) => [activity.activityId, activity]));
  for (const row of counts) {
    const activity = byId.get(row.activity_id);
    if (activity === undefined) continue;
    const tier: TierKey = row.tier === null ? 'unknown' : (String(row.tier) as TierKey);
    for (const figures of [activity, activity.byTier[tier], totals, totals.byTier[tier]]) count(figures, row);
  }
  let capacity = 0;
  const rated = activities.map((activity) => {
    const offered = activity.status === 'SCHEDULED';
    if (offered) capacity += activity.capacity;
    return { ...activity, ...rates(activity.capacity, activity, offered) };
  });
  return {
    program,
    phases: phasesOf(db, programId),
    activities: rated,
    totals: { ...totals, ...rates(capacity, totals, true) },
  };
}

function noFigures(): Figures {
  const cancelled = Object.fromEntries(CANCELLED_REASONS.map((reason) => [reason, 0])) as Record<
    CancelledReason,
    number
  >;
  return { pending: 0, reserved: 0, cancelled: { total: 0, ...cancelled }, requests: 0 };
}

function byTier(): Record<TierKey, Figures> {
  return { '1': noFigures(), '2': noFigures(), unknown: noFigures() };
}

function count(figures: Figures, { status, reason, n }: CountRow): void {
  if (status === 'PENDING') figures.pending += n;
  else if (status === 'RESERVED') figures.reserved += n;
  else {
    figures.cancelled.total += n;
    if (reason !== null && reason in figures.cancelled) figures.cancelled[reason] += n;
  }
  if (status !== 'CANCELLED' || reason === 'CAPACITY') figures.requests += n;
}

function rates(capacity: number, figures: Figures, offered: boolean): Rates {
  const ratio = (n: number) => (capacity > 0 ? Math.round((n / capacity) * 1000) / 1000 : null);
  return {
    capacity,
    seatsLeft: offered ? Math.max(0, capacity - figures.reserved) : 0,
    fillRate: ratio(figures.reserved),
    demandRatio: ratio(figures.requests),
  };
}

interface PhaseRow {
  phase_id: string;
  name: string;
  opens_at: string;
  closes_at: string;
  closed_at: string | null;
  closed_position: number | null;
}

function phasesOf(db: Database.Database, programId: string): PhaseMilestone[] {
  return db
    .prepare<[string], PhaseRow>('SELECT * FROM report_phases WHERE program_id = ?')
    .all(programId)
    .sort((a, b) => Date.parse(a.opens_at) - Date.parse(b.opens_at) || a.phase_id.localeCompare(b.phase_id))
    .map((row) => ({
      phaseId: row.phase_id,
      name: row.name,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      closedAt: row.closed_at,
      closedAtPosition: row.closed_position,
    }));
}
