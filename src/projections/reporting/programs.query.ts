import type Database from 'better-sqlite3';
import type { Cycle, SchoolYear } from '../../domain/shared/school';
import { WEEKDAYS, type Weekday } from '../../domain/shared/slot';

export interface ReportProgram {
  programId: string;
  name: string;
  cycle: Cycle;
  schoolYear: SchoolYear;
}

export interface ReportActivity {
  activityId: string;
  name: string;
  weekday: Weekday;
  start: string;
  end: string;
  capacity: number;
  status: 'SCHEDULED' | 'WITHDRAWN';
}

/** French order for names (accents, case), built once: `localeCompare(…, 'fr')` builds one per call. */
export const byName = new Intl.Collator('fr');

interface ProgramRow {
  program_id: string;
  name: string;
  cycle: Cycle;
  school_year: string;
}

interface ActivityRow {
  activity_id: string;
  name: string;
  weekday: Weekday;
  start_time: string;
  end_time: string;
  capacity: number;
  status: 'SCHEDULED' | 'WITHDRAWN';
}

export function programOf(db: Database.Database, programId: string): ReportProgram | undefined {
  const row = db.prepare<[string], ProgramRow>('SELECT * FROM report_programs WHERE program_id = ?').get(programId);
  return row && { programId: row.program_id, name: row.name, cycle: row.cycle, schoolYear: row.school_year };
}

/** The program's activities in the order of the typical week: weekday, start, end, then name. */
export function activitiesOf(db: Database.Database, programId: string): ReportActivity[] {
  return db
    .prepare<[string], ActivityRow>('SELECT * FROM report_activities WHERE program_id = ?')
    .all(programId)
    .map(toActivity)
    .sort(
      (a, b) =>
        WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) ||
        a.start.localeCompare(b.start) ||
        a.end.localeCompare(b.end) ||
        byName.compare(a.name, b.name),
    );
}

export function activityOf(db: Database.Database, programId: string, activityId: string): ReportActivity | undefined {
  const row = db
    .prepare<[string, string], ActivityRow>('SELECT * FROM report_activities WHERE program_id = ? AND activity_id = ?')
    .get(programId, activityId);
  return row && toActivity(row);
}

function toActivity(row: ActivityRow): ReportActivity {
  return {
    activityId: row.activity_id,
    name: row.name,
    weekday: row.weekday,
    start: row.start_time,
    end: row.end_time,
    capacity: row.capacity,
    status: row.status,
  };
}
