import type Database from 'better-sqlite3';
import type { ChildEvent } from '../../domain/child/child.events';
import type { OrderEvent } from '../../domain/order/order.events';
import { assertNever } from '../../domain/shared/decider';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { setupSchema, type Projection, type ProjectionSchema } from '../projection';
import { perDatabase } from '../per-database';

type Handled = OrderEvent | ChildEvent;

/** What `outcome` holds (JSON) once a reservation is decided: the staff's or the allocation's reasons. */
export type Outcome =
  | { status: 'RESERVED'; runId: string; rank: number; lotteryNumber: string; tier: number | null; decidedAt: string }
  | {
      status: 'CANCELLED';
      cause: 'STAFF';
      reason: string;
      note: string | null;
      cancelledBy: string;
      cancelledAt: string;
    }
  | {
      status: 'CANCELLED';
      cause: 'ALLOCATION';
      reason: string;
      detail: string | null;
      runId: string;
      rank: number | null;
      lotteryNumber: string | null;
      tier: number | null;
      cutOff: { tier: number; lotteryNumber: string } | null;
      decidedAt: string;
    };

const SCHEMA: ProjectionSchema = {
  tables: `
    CREATE TABLE IF NOT EXISTS order_status_children (
      child_id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      first_name TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS order_status_orders (
      order_id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      child_id TEXT NOT NULL,
      program_id TEXT NOT NULL,
      phase_id TEXT NOT NULL,
      billing TEXT NOT NULL,
      module_count INTEGER NOT NULL,
      total_cents INTEGER NOT NULL,
      placed_at TEXT NOT NULL,
      position INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS order_status_reservations (
      reservation_id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL,
      line_no INTEGER NOT NULL,
      family_id TEXT NOT NULL,
      child_id TEXT NOT NULL,
      program_id TEXT NOT NULL,
      phase_id TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      name TEXT NOT NULL,
      weekday TEXT NOT NULL,
      start_time TEXT NOT NULL,
      end_time TEXT NOT NULL,
      price_cents INTEGER NOT NULL,
      placed_at TEXT NOT NULL,
      status TEXT NOT NULL,
      cause TEXT,
      reason TEXT,
      decided_at TEXT,
      outcome TEXT
    ) WITHOUT ROWID;
  `,
  // apply writes by primary key only: these serve the queries
  indexes: [
    'CREATE INDEX IF NOT EXISTS order_status_orders_by_family ON order_status_orders (family_id, position)',
    `CREATE INDEX IF NOT EXISTS order_status_reservations_by_order
       ON order_status_reservations (order_id, line_no)`,
    `CREATE INDEX IF NOT EXISTS order_status_reservations_by_program_status
       ON order_status_reservations (program_id, status, activity_id, reservation_id)`,
    `CREATE INDEX IF NOT EXISTS order_status_reservations_by_program_activity
       ON order_status_reservations (program_id, activity_id, reservation_id)`,
  ],
};

/**
 * Orders and the status of each reservation (procedure, step 5: En attente, Réservé, Annulé),
 * for parents (by family), staff (by program, status, activity) and the allocation (the pending
 * reservations of a program). Children's first names are kept here, and nothing else about them.
 */
export const orderStatusProjection: Projection = {
  name: 'order-status',
  version: 1,
  tables: ['order_status_children', 'order_status_orders', 'order_status_reservations'],
  schema: SCHEMA,
  setup: setupSchema(SCHEMA),
  handles: new Set<Handled['type']>([
    'ChildAdded',
    'ChildUpdated',
    'OrderPlaced',
    'ReservationCancelled',
    'ReservationReserved',
    'ReservationRejected',
  ]),
  apply(db, recorded) {
    const s = statementsOf(db);
    const event = { type: recorded.type, data: recorded.data } as Handled;
    switch (event.type) {
      case 'ChildAdded':
        s.child.run(event.data.childId, event.data.familyId, event.data.firstName);
        return;
      case 'ChildUpdated':
        if (event.data.changes.firstName !== undefined) s.rename.run(event.data.changes.firstName, event.data.childId);
        return;
      case 'OrderPlaced':
        return placeOrder(s, event.data, recorded);
      case 'ReservationCancelled': {
        const { reservationId, reason, cancelledBy, cancelledAt } = event.data;
        const outcome: Outcome = {
          status: 'CANCELLED',
          cause: 'STAFF',
          reason: reason.code,
          note: reason.note,
          cancelledBy,
          cancelledAt,
        };
        s.decide.run('CANCELLED', 'STAFF', reason.code, cancelledAt, JSON.stringify(outcome), reservationId);
        return;
      }
      case 'ReservationReserved': {
        const { reservationId, runId, rank, lotteryNumber, tier, decidedAt } = event.data;
        const outcome: Outcome = { status: 'RESERVED', runId, rank, lotteryNumber, tier, decidedAt };
        s.decide.run('RESERVED', null, null, decidedAt, JSON.stringify(outcome), reservationId);
        return;
      }
      case 'ReservationRejected': {
        const { reservationId, runId, reason, detail, rank, lotteryNumber, tier, cutOff, decidedAt } = event.data;
        const outcome: Outcome = {
          status: 'CANCELLED',
          cause: 'ALLOCATION',
          reason,
          detail,
          runId,
          rank,
          lotteryNumber,
          tier,
          cutOff,
          decidedAt,
        };
        s.decide.run('CANCELLED', 'ALLOCATION', reason, decidedAt, JSON.stringify(outcome), reservationId);
        return;
      }
      default:
        return assertNever(event);
    }
  },
};

function placeOrder(
  s: Statements,
  data: Extract<OrderEvent, { type: 'OrderPlaced' }>['data'],
  recorded: RecordedEvent,
) {
  const { orderId, familyId, childId, programId, phaseId, billing, moduleCount, totalCents, placedAt } = data;
  s.order.run(
    orderId,
    familyId,
    childId,
    programId,
    phaseId,
    JSON.stringify(billing),
    moduleCount,
    totalCents,
    placedAt,
    recorded.position,
  );
  data.reservations.forEach(({ reservationId, activityId, name, slot, priceCents }, lineNo) => {
    // positional, in the column order of the statement: a rebuild inserts every reservation
    s.reservation.run(
      reservationId,
      orderId,
      lineNo,
      familyId,
      childId,
      programId,
      phaseId,
      activityId,
      name,
      slot.weekday,
      slot.start,
      slot.end,
      priceCents,
      placedAt,
    );
  });
}

type Statements = ReturnType<typeof prepare>;
const statementsOf = perDatabase(prepare);

function prepare(db: Database.Database) {
  return {
    child: db.prepare(
      'INSERT OR REPLACE INTO order_status_children (child_id, family_id, first_name) VALUES (?, ?, ?)',
    ),
    rename: db.prepare('UPDATE order_status_children SET first_name = ? WHERE child_id = ?'),
    order: db.prepare(
      `INSERT OR REPLACE INTO order_status_orders
         (order_id, family_id, child_id, program_id, phase_id, billing, module_count, total_cents, placed_at, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    reservation: db.prepare(
      `INSERT OR REPLACE INTO order_status_reservations
         (reservation_id, order_id, line_no, family_id, child_id, program_id, phase_id, activity_id, name,
          weekday, start_time, end_time, price_cents, placed_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')`,
    ),
    decide: db.prepare(
      `UPDATE order_status_reservations SET status = ?, cause = ?, reason = ?, decided_at = ?, outcome = ?
       WHERE reservation_id = ?`,
    ),
  };
}
