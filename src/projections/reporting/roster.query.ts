import type Database from 'better-sqlite3';
import type { Guardian } from '../../domain/family/family.events';
import type { ClassLevel } from '../../domain/shared/school';
import { activityOf, byName, programOf, type ReportActivity, type ReportProgram } from './programs.query';

/** One child seated in the activity, with what its leader needs on the first day. */
export interface RosterEntry {
  reservationId: string;
  childId: string;
  firstName: string;
  lastName: string;
  /** for the program's school year; null if the family never gave one (AddActivity requires it) */
  classLevel: ClassLevel | null;
  family: { familyId: string; email: string; guardians: Guardian[] };
}

export interface Roster {
  program: ReportProgram;
  activity: ReportActivity;
  /** RESERVED reservations only, by last name then first name */
  children: RosterEntry[];
}

interface RosterRow {
  reservation_id: string;
  child_id: string;
  family_id: string;
  first_name: string | null;
  last_name: string | null;
  class_level: ClassLevel | null;
  email: string | null;
  guardians: string | null;
}

export function rosterOf(db: Database.Database, programId: string, activityId: string): Roster | undefined {
  const program = programOf(db, programId);
  const activity = program && activityOf(db, programId, activityId);
  if (program === undefined || activity === undefined) return undefined;
  const rows = db
    .prepare<[string, string, string], RosterRow>(
      `SELECT r.reservation_id, r.child_id, r.family_id, c.first_name, c.last_name, l.class_level, f.email, f.guardians
       FROM report_reservations r
       LEFT JOIN report_children c ON c.child_id = r.child_id
       LEFT JOIN report_class_levels l ON l.child_id = r.child_id AND l.school_year = ?
       LEFT JOIN report_families f ON f.family_id = r.family_id
       WHERE r.program_id = ? AND r.activity_id = ? AND r.status = 'RESERVED'`,
    )
    .all(program.schoolYear, programId, activityId);
  const children = rows
    .map((row): RosterEntry => ({
      reservationId: row.reservation_id,
      childId: row.child_id,
      firstName: row.first_name ?? '',
      lastName: row.last_name ?? '',
      classLevel: row.class_level,
      family: {
        familyId: row.family_id,
        email: row.email ?? '',
        guardians: row.guardians === null ? [] : (JSON.parse(row.guardians) as Guardian[]),
      },
    }))
    .sort(
      (a, b) =>
        byName.compare(a.lastName, b.lastName) ||
        byName.compare(a.firstName, b.firstName) ||
        a.childId.localeCompare(b.childId),
    );
  return { program, activity, children };
}
