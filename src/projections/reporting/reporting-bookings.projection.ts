import type Database from 'better-sqlite3';
import type { OrderEvent } from '../../domain/order/order.events';
import type { ProgramEvent } from '../../domain/program/program.events';
import { assertNever } from '../../domain/shared/decider';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { setupSchema, type Projection } from '../projection';
import { perDatabase } from '../per-database';
import { BOOKING_SCHEMA } from './reporting-bookings.tables';

/**
 * Programs, activities, phases, orders and every reservation with its status and, once cancelled,
 * its reason (staff's code or the allocation's): the facts behind fill rates, demand, rosters and
 * amounts due. Counts are not kept here: the queries group the indexed reservations, so that the
 * tier of a request is the family's latest validation when the report is read.
 */
type ReportedEvent = ProgramEvent | OrderEvent;

const HANDLED: { [Type in ReportedEvent['type']]: true } = {
  ProgramCreated: true,
  ActivityScheduled: true,
  ActivityChanged: true,
  ActivityWithdrawn: true,
  BookingPhaseDefined: true,
  BookingPhaseClosed: true,
  OrderPlaced: true,
  ReservationCancelled: true,
  ReservationReserved: true,
  ReservationRejected: true,
};

const statementsOf = perDatabase((db) => ({
  insertProgram: db.prepare(
    `INSERT OR REPLACE INTO report_programs (program_id, name, cycle, school_year) VALUES (?, ?, ?, ?)`,
  ),
  insertActivity: db.prepare(
    `INSERT OR REPLACE INTO report_activities
       (program_id, activity_id, name, weekday, start_time, end_time, capacity, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'SCHEDULED')`,
  ),
  changeActivity: db.prepare(
    `UPDATE report_activities SET name = COALESCE(?, name), weekday = COALESCE(?, weekday),
       start_time = COALESCE(?, start_time), end_time = COALESCE(?, end_time), capacity = COALESCE(?, capacity)
     WHERE program_id = ? AND activity_id = ?`,
  ),
  withdrawActivity: db.prepare(
    "UPDATE report_activities SET status = 'WITHDRAWN' WHERE program_id = ? AND activity_id = ?",
  ),
  insertPhase: db.prepare(
    `INSERT OR REPLACE INTO report_phases (program_id, phase_id, name, opens_at, closes_at) VALUES (?, ?, ?, ?, ?)`,
  ),
  closePhase: db.prepare(
    'UPDATE report_phases SET closed_at = ?, closed_position = ? WHERE program_id = ? AND phase_id = ?',
  ),
  insertOrder: db.prepare(
    `INSERT OR IGNORE INTO report_orders
       (order_id, family_id, child_id, program_id, billing_name, billing_address, placed_at, position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  insertReservation: db.prepare(
    `INSERT OR IGNORE INTO report_reservations
       (reservation_id, order_id, program_id, activity_id, activity_name, child_id, family_id, price_cents,
        status, reason, position, line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', NULL, ?, ?)`,
  ),
  decide: db.prepare('UPDATE report_reservations SET status = ?, reason = ? WHERE reservation_id = ?'),
}));

function apply(db: Database.Database, recorded: RecordedEvent): void {
  const s = statementsOf(db);
  const event = recorded as unknown as ReportedEvent;
  switch (event.type) {
    case 'ProgramCreated': {
      const { programId, name, cycle, schoolYear } = event.data;
      s.insertProgram.run(programId, name, cycle, schoolYear);
      return;
    }
    case 'ActivityScheduled': {
      const { programId, activityId, name, slot, capacity } = event.data;
      s.insertActivity.run(programId, activityId, name, slot.weekday, slot.start, slot.end, capacity);
      return;
    }
    case 'ActivityChanged': {
      const { programId, activityId, changes } = event.data;
      const { name, slot, capacity } = changes;
      s.changeActivity.run(
        name ?? null,
        slot?.weekday ?? null,
        slot?.start ?? null,
        slot?.end ?? null,
        capacity ?? null,
        programId,
        activityId,
      );
      return;
    }
    case 'ActivityWithdrawn':
      s.withdrawActivity.run(event.data.programId, event.data.activityId);
      return;
    case 'BookingPhaseDefined': {
      const { programId, phaseId, name, opensAt, closesAt } = event.data;
      s.insertPhase.run(programId, phaseId, name, opensAt, closesAt);
      return;
    }
    case 'BookingPhaseClosed': {
      const { programId, phaseId, closedAt } = event.data;
      s.closePhase.run(closedAt, recorded.position, programId, phaseId);
      return;
    }
    case 'OrderPlaced': {
      const { orderId, familyId, childId, programId, billing, reservations, placedAt } = event.data;
      const address = JSON.stringify(billing.address);
      s.insertOrder.run(orderId, familyId, childId, programId, billing.name, address, placedAt, recorded.position);
      reservations.forEach(({ reservationId, activityId, name, priceCents }, line) => {
        s.insertReservation.run(
          reservationId,
          orderId,
          programId,
          activityId,
          name,
          childId,
          familyId,
          priceCents,
          recorded.position,
          line,
        );
      });
      return;
    }
    case 'ReservationReserved':
      s.decide.run('RESERVED', null, event.data.reservationId);
      return;
    case 'ReservationCancelled':
      s.decide.run('CANCELLED', event.data.reason.code, event.data.reservationId);
      return;
    case 'ReservationRejected':
      s.decide.run('CANCELLED', event.data.reason, event.data.reservationId);
      return;
    default:
      return assertNever(event);
  }
}

export const reportingBookingsProjection: Projection = {
  name: 'reporting-bookings',
  // 2: no IN list in a CHECK
  version: 2,
  tables: ['report_programs', 'report_activities', 'report_phases', 'report_orders', 'report_reservations'],
  handles: new Set(Object.keys(HANDLED)),
  schema: BOOKING_SCHEMA,
  setup: setupSchema(BOOKING_SCHEMA),
  apply,
};
