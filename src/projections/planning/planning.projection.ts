import type Database from 'better-sqlite3';
import type { OrderEvent } from '../../domain/order/order.events';
import type { ProgramEvent } from '../../domain/program/program.events';
import { assertNever } from '../../domain/shared/decider';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../projection';
import { perDatabase } from '../per-database';

/**
 * The planning of each program (PRODUCT.md, « semaine type »): its activities with their slot,
 * price, accepted levels and capacity, its booking phases with their seed commitment, and the
 * demand per activity. A reservation is counted PENDING from OrderPlaced until it is reserved
 * (RESERVED) or cancelled/rejected (no longer counted); its status is kept per reservation, so a
 * transition always moves the count it came from.
 */
const TABLES = ['planning_programs', 'planning_activities', 'planning_phases', 'planning_reservations'] as const;

/** program events (its activities and booking phases) and the booking events that move demand */
type PlanningEvent = ProgramEvent | OrderEvent;

const HANDLED: { [Type in PlanningEvent['type']]: true } = {
  ProgramCreated: true,
  ActivityScheduled: true,
  ActivityChanged: true,
  ActivityWithdrawn: true,
  BookingPhaseDefined: true,
  BookingPhaseClosed: true,
  OrderPlaced: true,
  ReservationCancelled: true,
  ReservationRejected: true,
  ReservationReserved: true,
};

function setup(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS planning_programs (
      program_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      cycle TEXT NOT NULL,
      school_year TEXT NOT NULL,
      typical_week_from TEXT NOT NULL,
      typical_week_to TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS planning_activities (
      program_id TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      name TEXT NOT NULL,
      weekday TEXT NOT NULL,
      start_time TEXT NOT NULL,
      end_time TEXT NOT NULL,
      price_cents INTEGER NOT NULL,
      accepted_levels TEXT NOT NULL,
      capacity INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('SCHEDULED', 'WITHDRAWN')),
      withdrawn_reason TEXT,
      withdrawn_at TEXT,
      pending INTEGER NOT NULL DEFAULT 0,
      reserved INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (program_id, activity_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS planning_phases (
      program_id TEXT NOT NULL,
      phase_id TEXT NOT NULL,
      name TEXT NOT NULL,
      opens_at TEXT NOT NULL,
      closes_at TEXT NOT NULL,
      opens_at_ms INTEGER NOT NULL,
      closes_at_ms INTEGER NOT NULL,
      admitted_tiers TEXT NOT NULL,
      seed_commitment TEXT,
      closed_at TEXT,
      PRIMARY KEY (program_id, phase_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS planning_reservations (
      reservation_id TEXT PRIMARY KEY,
      program_id TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      -- OR, not IN: SQLite builds a table for an IN list of three or more at every statement
      status TEXT NOT NULL CHECK (status = 'PENDING' OR status = 'RESERVED' OR status = 'CANCELLED')
    ) WITHOUT ROWID;
    -- the counts follow the reservations inside SQLite: one statement per event, not three
    CREATE TRIGGER IF NOT EXISTS planning_reservation_placed AFTER INSERT ON planning_reservations
    BEGIN
      UPDATE planning_activities SET pending = pending + 1
      WHERE program_id = NEW.program_id AND activity_id = NEW.activity_id;
    END;
    CREATE TRIGGER IF NOT EXISTS planning_reservation_moved AFTER UPDATE OF status ON planning_reservations
    BEGIN
      UPDATE planning_activities SET
        pending = pending - (OLD.status = 'PENDING'),
        reserved = reserved - (OLD.status = 'RESERVED') + (NEW.status = 'RESERVED')
      WHERE program_id = NEW.program_id AND activity_id = NEW.activity_id;
    END;
  `);
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    insertProgram: db.prepare(
      `INSERT OR REPLACE INTO planning_programs
         (program_id, name, cycle, school_year, typical_week_from, typical_week_to, created_at)
       VALUES (@programId, @name, @cycle, @schoolYear, @from, @to, @createdAt)`,
    ),
    insertActivity: db.prepare(
      `INSERT OR REPLACE INTO planning_activities
         (program_id, activity_id, name, weekday, start_time, end_time, price_cents, accepted_levels, capacity, status)
       VALUES (@programId, @activityId, @name, @weekday, @start, @end, @priceCents, @acceptedLevels, @capacity, 'SCHEDULED')`,
    ),
    changeActivity: db.prepare(
      `UPDATE planning_activities SET
         name = COALESCE(@name, name),
         weekday = COALESCE(@weekday, weekday),
         start_time = COALESCE(@start, start_time),
         end_time = COALESCE(@end, end_time),
         price_cents = COALESCE(@priceCents, price_cents),
         accepted_levels = COALESCE(@acceptedLevels, accepted_levels),
         capacity = COALESCE(@capacity, capacity)
       WHERE program_id = @programId AND activity_id = @activityId`,
    ),
    withdrawActivity: db.prepare(
      `UPDATE planning_activities SET status = 'WITHDRAWN', withdrawn_reason = @reason, withdrawn_at = @withdrawnAt
       WHERE program_id = @programId AND activity_id = @activityId`,
    ),
    insertPhase: db.prepare(
      `INSERT OR REPLACE INTO planning_phases
         (program_id, phase_id, name, opens_at, closes_at, opens_at_ms, closes_at_ms, admitted_tiers)
       VALUES (@programId, @phaseId, @name, @opensAt, @closesAt, @opensAtMs, @closesAtMs, @admittedTiers)`,
    ),
    closePhase: db.prepare(
      `UPDATE planning_phases SET seed_commitment = @seedCommitment, closed_at = @closedAt
       WHERE program_id = @programId AND phase_id = @phaseId`,
    ),
    // a reservation placed twice is counted once (the trigger runs only for a row inserted)
    placeReservation: db.prepare(
      `INSERT OR IGNORE INTO planning_reservations (reservation_id, program_id, activity_id, status)
       VALUES (?, ?, ?, 'PENDING')`,
    ),
    moveReservation: db.prepare<[string, string, string]>(
      'UPDATE planning_reservations SET status = ? WHERE reservation_id = ? AND status <> ?',
    ),
  };
}

/** Prepared once per connection: a rebuild applies tens of thousands of events. */
const statementsOf = perDatabase(prepare);

/** Moves one reservation to `status`; the trigger `planning_reservation_moved` moves the counts. */
function moveReservation(s: Statements, reservationId: string, status: 'RESERVED' | 'CANCELLED'): void {
  s.moveReservation.run(status, reservationId, status);
}

function apply(db: Database.Database, recorded: RecordedEvent): void {
  const s = statementsOf(db);
  const event = recorded as unknown as PlanningEvent;
  switch (event.type) {
    case 'ProgramCreated': {
      const { programId, name, cycle, schoolYear, typicalWeek, createdAt } = event.data;
      s.insertProgram.run({ programId, name, cycle, schoolYear, ...typicalWeek, createdAt });
      return;
    }
    case 'ActivityScheduled': {
      const { programId, activityId, name, slot, priceCents, acceptedLevels, capacity } = event.data;
      s.insertActivity.run({
        programId,
        activityId,
        name,
        ...slot,
        priceCents,
        acceptedLevels: acceptedLevels.join(','),
        capacity,
      });
      return;
    }
    case 'ActivityChanged': {
      const { programId, activityId, changes } = event.data;
      s.changeActivity.run({
        programId,
        activityId,
        name: changes.name ?? null,
        weekday: changes.slot?.weekday ?? null,
        start: changes.slot?.start ?? null,
        end: changes.slot?.end ?? null,
        priceCents: changes.priceCents ?? null,
        acceptedLevels: changes.acceptedLevels?.join(',') ?? null,
        capacity: changes.capacity ?? null,
      });
      return;
    }
    case 'ActivityWithdrawn': {
      const { programId, activityId, reason, withdrawnAt } = event.data;
      s.withdrawActivity.run({ programId, activityId, reason, withdrawnAt });
      return;
    }
    case 'BookingPhaseDefined': {
      const { programId, phaseId, name, opensAt, closesAt, admittedTiers } = event.data;
      s.insertPhase.run({
        programId,
        phaseId,
        name,
        opensAt,
        closesAt,
        opensAtMs: Date.parse(opensAt),
        closesAtMs: Date.parse(closesAt),
        admittedTiers: admittedTiers.join(','),
      });
      return;
    }
    case 'BookingPhaseClosed': {
      const { programId, phaseId, seedCommitment, closedAt } = event.data;
      s.closePhase.run({ programId, phaseId, seedCommitment, closedAt });
      return;
    }
    case 'OrderPlaced': {
      const { programId, reservations } = event.data;
      for (const { reservationId, activityId } of reservations) {
        s.placeReservation.run(reservationId, programId, activityId);
      }
      return;
    }
    case 'ReservationReserved':
      return moveReservation(s, event.data.reservationId, 'RESERVED');
    case 'ReservationCancelled':
    case 'ReservationRejected':
      return moveReservation(s, event.data.reservationId, 'CANCELLED');
    default:
      return assertNever(event);
  }
}

export const planningProjection: Projection = {
  name: 'planning',
  // 2: the counts moved by triggers (an older build, which counts itself too, then rebuilds);
  // no IN list in a CHECK
  version: 2,
  tables: TABLES,
  handles: new Set(Object.keys(HANDLED)),
  setup,
  apply,
};
