import type Database from 'better-sqlite3';
import type { AllocationRequest } from '../../allocation/allocation.types';
import type { ClassLevel, SchoolYear, Tier } from '../../domain/shared/school';

/**
 * What a run gathers, in a few bulk reads (PRODUCT.md target: 100,000 pending reservations
 * gathered, decided and recorded in ≤ 10 s, so no stream is folded per request). The tier, the
 * account's validation and the child's class level come from the families read model
 * (`family_school_years`, `family_children`), which lives in the same database.
 */

export interface GatheredRequests {
  requests: AllocationRequest[];
  /** pending reservations whose child the families read model does not know: nothing to decide them on */
  unknownChildren: string[];
}

interface PendingRow {
  reservation_id: string;
  child_id: string;
  family_id: string;
  activity_id: string;
  class_level: ClassLevel | null;
}

interface ValidationRow {
  family_id: string;
  status: string;
  tier: Tier | null;
  program_ids: string | null;
}

/**
 * Every PENDING reservation placed in the round, with its tier and class level for the program's
 * school year. The account counts as validated when staff validated it for that school year and
 * for this program (PRODUCT.md, ValidateAccount: "which programs it may see").
 */
export function pendingRequests(
  db: Database.Database,
  round: { programId: string; roundId: string; schoolYear: SchoolYear },
): GatheredRequests {
  const tiers = validatedTiers(db, round.programId, round.schoolYear);
  const rows = db
    .prepare<[{ programId: string; roundId: string; levelPath: string }], PendingRow>(
      `SELECT r.reservation_id, r.child_id, r.family_id, r.activity_id,
              coalesce(json_extract(c.class_levels, @levelPath), c.class_level) AS class_level
       FROM allocation_reservations r
       LEFT JOIN family_children c ON c.child_id = r.child_id
       WHERE r.program_id = @programId AND r.round_id = @roundId AND r.status = 'PENDING'
       ORDER BY r.reservation_id`,
    )
    .all({ programId: round.programId, roundId: round.roundId, levelPath: `$."${round.schoolYear}"` });
  const requests: AllocationRequest[] = [];
  const unknownChildren: string[] = [];
  for (const row of rows) {
    if (row.class_level === null) {
      unknownChildren.push(row.child_id);
      continue;
    }
    const tier = tiers.get(row.family_id);
    requests.push({
      reservationId: row.reservation_id,
      childId: row.child_id,
      familyId: row.family_id,
      activityId: row.activity_id,
      // a family not validated has no tier of its own: its requests are refused as ineligible anyway
      tier: tier ?? 2,
      classLevel: row.class_level,
      accountValidated: tier !== undefined,
    });
  }
  return { requests, unknownChildren };
}

/** The tier of every family validated for the school year and this program (one read, not one per request). */
function validatedTiers(db: Database.Database, programId: string, schoolYear: SchoolYear): Map<string, Tier> {
  const rows = db
    .prepare<[string], ValidationRow>(
      `SELECT family_id, status, tier, program_ids FROM family_school_years
       WHERE school_year = ? AND status = 'VALIDATED'`,
    )
    .all(schoolYear);
  const tiers = new Map<string, Tier>();
  for (const row of rows) {
    if (row.tier !== null && (JSON.parse(row.program_ids ?? '[]') as string[]).includes(programId)) {
      tiers.set(row.family_id, row.tier);
    }
  }
  return tiers;
}

/** Seats taken by earlier rounds: RESERVED reservations of the program, per activity. */
export function reservedSeats(db: Database.Database, programId: string): Map<string, number> {
  const rows = db
    .prepare<[string], { activity_id: string; seats: number }>(
      `SELECT activity_id, count(*) AS seats FROM allocation_reservations
       WHERE program_id = ? AND status = 'RESERVED' GROUP BY activity_id`,
    )
    .all(programId);
  return new Map(rows.map((r) => [r.activity_id, r.seats]));
}

/** PENDING reservations placed in the round. */
export function pendingIn(db: Database.Database, programId: string, roundId: string): number {
  const row = db
    .prepare<[string, string], { pending: number }>(
      `SELECT count(*) AS pending FROM allocation_reservations
       WHERE program_id = ? AND round_id = ? AND status = 'PENDING'`,
    )
    .get(programId, roundId);
  return row?.pending ?? 0;
}

/** The run approved for the round, if any (there is at most one: the round's claim sees to it). */
export function approvedRunOf(
  db: Database.Database,
  programId: string,
  roundId: string,
): { runId: string; approvedAt: string } | undefined {
  const row = db
    .prepare<[string, string], { run_id: string; approved_at: string }>(
      `SELECT run_id, approved_at FROM allocation_runs
       WHERE program_id = ? AND round_id = ? AND status = 'APPROVED' LIMIT 1`,
    )
    .get(programId, roundId);
  return row && { runId: row.run_id, approvedAt: row.approved_at };
}
