import type Database from 'better-sqlite3';
import type { ClassLevel, Cycle, SchoolYear, Tier } from '../../domain/shared/school';
import { WEEKDAYS, Weekday } from '../../domain/shared/slot';

/** Whether a phase is open is a matter of the clock; CLOSED also covers a phase past its deadline not yet committed. */
export type PhaseStatus = 'UPCOMING' | 'OPEN' | 'CLOSED';

export interface ProgramSummary {
  programId: string;
  name: string;
  cycle: Cycle;
  schoolYear: SchoolYear;
  typicalWeek: { from: string; to: string };
}

export interface PhaseView {
  phaseId: string;
  name: string;
  opensAt: string;
  closesAt: string;
  admittedTiers: Tier[];
  status: PhaseStatus;
  /** SHA-256 of the allocation seed, published when staff close the phase (PRODUCT.md); null before */
  seedCommitment: string | null;
  closedAt: string | null;
}

export interface ActivityView {
  activityId: string;
  name: string;
  start: string;
  end: string;
  priceCents: number;
  /** for display, e.g. « 45,00 € » */
  price: string;
  acceptedLevels: ClassLevel[];
  capacity: number;
  /** reservations waiting for the allocation (« En attente ») */
  pending: number;
  /** seats taken (« Réservé ») */
  reserved: number;
  seatsLeft: number;
  status: 'SCHEDULED' | 'WITHDRAWN';
  /** staff only see withdrawn activities, with why and when */
  withdrawal?: { reason: string; withdrawnAt: string };
}

export interface PlanningSlot {
  start: string;
  end: string;
  activities: ActivityView[];
}

export interface PlanningDay {
  weekday: Weekday;
  slots: PlanningSlot[];
}

/** « semaine type »: the days that hold activities, Monday first; each day's slots by time. */
export interface Planning extends ProgramSummary {
  phases: PhaseView[];
  week: PlanningDay[];
}

interface ProgramRow {
  program_id: string;
  name: string;
  cycle: Cycle;
  school_year: string;
  typical_week_from: string;
  typical_week_to: string;
}

interface PhaseRow {
  phase_id: string;
  name: string;
  opens_at: string;
  closes_at: string;
  opens_at_ms: number;
  closes_at_ms: number;
  admitted_tiers: string;
  seed_commitment: string | null;
  closed_at: string | null;
}

interface ActivityRow {
  activity_id: string;
  name: string;
  weekday: Weekday;
  start_time: string;
  end_time: string;
  price_cents: number;
  accepted_levels: string;
  capacity: number;
  status: 'SCHEDULED' | 'WITHDRAWN';
  withdrawn_reason: string | null;
  withdrawn_at: string | null;
  pending: number;
  reserved: number;
}

const PROGRAM_COLUMNS = 'program_id, name, cycle, school_year, typical_week_from, typical_week_to';

export function findProgram(db: Database.Database, programId: string): ProgramSummary | undefined {
  const row = db
    .prepare<[string], ProgramRow>(`SELECT ${PROGRAM_COLUMNS} FROM planning_programs WHERE program_id = ?`)
    .get(programId);
  return row === undefined ? undefined : toProgram(row);
}

/** Every program, or those among `programIds`; latest school year first, then Maternelles before Primaires. */
export function listPrograms(db: Database.Database, programIds?: readonly string[]): ProgramSummary[] {
  const rows =
    programIds === undefined
      ? db.prepare<[], ProgramRow>(`SELECT ${PROGRAM_COLUMNS} FROM planning_programs`).all()
      : db
          .prepare<[string], ProgramRow>(
            `SELECT ${PROGRAM_COLUMNS} FROM planning_programs WHERE program_id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(programIds));
  return rows
    .map(toProgram)
    .sort(
      (a, b) =>
        b.schoolYear.localeCompare(a.schoolYear) || a.cycle.localeCompare(b.cycle) || a.name.localeCompare(b.name),
    );
}

/** The program's phases in the order they open, with their status at `now`. */
export function phasesOf(db: Database.Database, programId: string, now: Date): PhaseView[] {
  return db
    .prepare<[string], PhaseRow>('SELECT * FROM planning_phases WHERE program_id = ? ORDER BY opens_at_ms, phase_id')
    .all(programId)
    .map((row) => toPhase(row, now.getTime()));
}

/** The phase open now, and the next one to open (for `tier` only, when given). */
export function currentPhases(
  phases: readonly PhaseView[],
  tier?: Tier,
): { openPhase: PhaseView | null; nextPhase: PhaseView | null } {
  return {
    openPhase: phases.find((phase) => phase.status === 'OPEN') ?? null,
    nextPhase:
      phases.find(
        (phase) => phase.status === 'UPCOMING' && (tier === undefined || phase.admittedTiers.includes(tier)),
      ) ?? null,
  };
}

export function planningOf(
  db: Database.Database,
  programId: string,
  now: Date,
  options: { withWithdrawn: boolean },
): Planning | undefined {
  const program = findProgram(db, programId);
  if (program === undefined) return undefined;
  const rows = db
    .prepare<[string], ActivityRow>('SELECT * FROM planning_activities WHERE program_id = ?')
    .all(programId)
    .filter((row) => options.withWithdrawn || row.status === 'SCHEDULED')
    .sort(
      (a, b) =>
        WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) ||
        a.start_time.localeCompare(b.start_time) ||
        a.end_time.localeCompare(b.end_time) ||
        a.name.localeCompare(b.name, 'fr'),
    );
  const week: PlanningDay[] = [];
  for (const row of rows) {
    let day = week[week.length - 1];
    if (day?.weekday !== row.weekday) week.push((day = { weekday: row.weekday, slots: [] }));
    let slot = day.slots[day.slots.length - 1];
    if (slot?.start !== row.start_time || slot.end !== row.end_time) {
      day.slots.push((slot = { start: row.start_time, end: row.end_time, activities: [] }));
    }
    slot.activities.push(toActivity(row));
  }
  return { ...program, phases: phasesOf(db, programId, now), week };
}

/** « 45,00 € », « 1 800,00 € »: French notation with plain spaces. */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const euros = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${euros},${String(absolute % 100).padStart(2, '0')} €`;
}

function toProgram(row: ProgramRow): ProgramSummary {
  return {
    programId: row.program_id,
    name: row.name,
    cycle: row.cycle,
    schoolYear: row.school_year,
    typicalWeek: { from: row.typical_week_from, to: row.typical_week_to },
  };
}

function toPhase(row: PhaseRow, now: number): PhaseView {
  const closed = row.closed_at !== null || now >= row.closes_at_ms;
  return {
    phaseId: row.phase_id,
    name: row.name,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    admittedTiers: row.admitted_tiers.split(',').map(Number) as Tier[],
    status: closed ? 'CLOSED' : now >= row.opens_at_ms ? 'OPEN' : 'UPCOMING',
    seedCommitment: row.seed_commitment,
    closedAt: row.closed_at,
  };
}

function toActivity(row: ActivityRow): ActivityView {
  const view: ActivityView = {
    activityId: row.activity_id,
    name: row.name,
    start: row.start_time,
    end: row.end_time,
    priceCents: row.price_cents,
    price: formatEuros(row.price_cents),
    acceptedLevels: row.accepted_levels.split(',') as ClassLevel[],
    capacity: row.capacity,
    pending: row.pending,
    reserved: row.reserved,
    seatsLeft: Math.max(0, row.capacity - row.reserved),
    status: row.status,
  };
  if (row.status === 'WITHDRAWN') {
    view.withdrawal = { reason: row.withdrawn_reason ?? '', withdrawnAt: row.withdrawn_at ?? '' };
  }
  return view;
}
