import type Database from 'better-sqlite3';
import { formatModules } from '../../domain/basket/basket';
import type { Billing, OrderPlaced } from '../../domain/order/order.events';
import { STATUS_LABELS } from '../../domain/order/reservation';
import type { ReservationStatus } from '../../domain/order/reservation';
import type { Slot, Weekday } from '../../domain/shared/slot';
import { formatEuros } from '../basket/money';
import type { ReadDatabase } from '../read-database';
import type { Outcome } from './order-status.projection';

/** The labels parents read for the reason of a cancellation (staff's codes, the allocation's reasons). */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  WRONG_CLASS: 'Erreur de classe',
  DUPLICATE: "Doublon d'activités",
  FAMILY_REQUEST: 'À la demande de la famille',
  OTHER: 'Autre motif',
  CAPACITY: 'Activité complète',
  INELIGIBLE: 'Réservation non éligible',
};

/** Why a reservation is « Annulé », as the family reads it: the staff member's name is not shown. */
export type CancellationView =
  | { cause: 'STAFF'; reason: string; reasonLabel: string; note: string | null; cancelledAt: string }
  | {
      cause: 'ALLOCATION';
      reason: string;
      reasonLabel: string;
      detail: string | null;
      rank: number | null;
      lotteryNumber: string | null;
      tier: number | null;
      cutOff: { tier: number; lotteryNumber: string } | null;
      decidedAt: string;
    };

export interface ReservationView {
  reservationId: string;
  orderId: string;
  /** the participant, by first name only (data minimisation) */
  child: { childId: string; firstName: string };
  activityId: string;
  name: string;
  slot: Slot;
  priceCents: number;
  price: string;
  status: ReservationStatus;
  /** « En attente », « Réservé », « Annulé » */
  statusLabel: string;
  /** only when CANCELLED */
  cancellation?: CancellationView;
}

export interface OrderView {
  orderId: string;
  programId: string;
  phaseId: string;
  child: { childId: string; firstName: string };
  placedAt: string;
  moduleCount: number;
  modules: string;
  totalCents: number;
  total: string;
  billing: Billing;
  reservations: ReservationView[];
}

/** Staff see where a reservation comes from and the whole outcome, including who cancelled it. */
export interface StaffReservationView extends ReservationView {
  familyId: string;
  programId: string;
  phaseId: string;
  placedAt: string;
  decidedAt: string | null;
  outcome: Outcome | null;
}

export interface ReservationFilter {
  programId: string;
  status?: ReservationStatus;
  activityId?: string;
}

/** Keyset paging in the order of the indexes: by activity, then reservation id. */
export interface ReservationCursor {
  activityId: string;
  reservationId: string;
}

interface ReservationRow {
  reservation_id: string;
  order_id: string;
  family_id: string;
  child_id: string;
  program_id: string;
  phase_id: string;
  activity_id: string;
  name: string;
  weekday: Weekday;
  start_time: string;
  end_time: string;
  price_cents: number;
  placed_at: string;
  status: ReservationStatus;
  decided_at: string | null;
  outcome: string | null;
  first_name: string | null;
}

interface OrderRow extends ReservationRow {
  billing: string;
  module_count: number;
  total_cents: number;
}

const RESERVATION_COLUMNS = `r.reservation_id, r.order_id, r.family_id, r.child_id, r.program_id, r.phase_id,
  r.activity_id, r.name, r.weekday, r.start_time, r.end_time, r.price_cents, r.placed_at, r.status, r.decided_at,
  r.outcome, c.first_name`;

const ORDER_ROWS = `SELECT ${RESERVATION_COLUMNS}, o.billing, o.module_count, o.total_cents
  FROM order_status_orders o
  JOIN order_status_reservations r ON r.order_id = o.order_id
  LEFT JOIN order_status_children c ON c.child_id = o.child_id`;

/**
 * Reads the order-status read model. Every query is one statement on an index: a family's orders
 * (orders by family, then reservations by order), one order, one reservation, or a program's
 * reservations by status and activity.
 */
export class OrderStatusQuery {
  private statements?: ReturnType<OrderStatusQuery['prepare']>;
  private readonly listings = new Map<string, Database.Statement<Record<string, unknown>, ReservationRow>>();

  constructor(private readonly read: ReadDatabase) {}

  /** the family's orders, oldest first, each with its reservations in the order placed */
  ordersOf(familyId: string): OrderView[] {
    return groupOrders(this.prepared().ordersOfFamily.all(familyId));
  }

  /** one of the family's orders; undefined for another family's order, as for an unknown one */
  orderOf(familyId: string, orderId: string): OrderView | undefined {
    return groupOrders(this.prepared().orderOfFamily.all(orderId, familyId))[0];
  }

  /** the child whose booking stream holds the reservation (the stream to write a cancellation to) */
  childOfReservation(reservationId: string): string | undefined {
    return this.prepared().childOfReservation.get(reservationId)?.child_id;
  }

  reservation(reservationId: string): StaffReservationView | undefined {
    const row = this.prepared().reservation.get(reservationId);
    return row === undefined ? undefined : staffView(row);
  }

  /**
   * A program's reservations, by activity then reservation id; with `status: 'PENDING'`, the
   * pending reservations of the program's round. Without `limit`, all of them.
   */
  reservations(filter: ReservationFilter, page: { after?: ReservationCursor; limit?: number } = {}) {
    const rows = this.listing(filter).all({
      programId: filter.programId,
      status: filter.status ?? null,
      activityId: filter.activityId ?? null,
      afterActivity: page.after?.activityId ?? '',
      afterReservation: page.after?.reservationId ?? '',
      limit: page.limit ?? -1,
    });
    return rows.map(staffView);
  }

  private listing(filter: ReservationFilter) {
    const key = `${filter.status !== undefined}/${filter.activityId !== undefined}`;
    let statement = this.listings.get(key);
    if (statement === undefined) {
      const where = [
        'r.program_id = @programId',
        filter.status !== undefined ? 'r.status = @status' : '',
        filter.activityId !== undefined ? 'r.activity_id = @activityId' : '',
        '(r.activity_id, r.reservation_id) > (@afterActivity, @afterReservation)',
      ].filter((clause) => clause !== '');
      statement = this.read.db.prepare<Record<string, unknown>, ReservationRow>(
        `SELECT ${RESERVATION_COLUMNS}
         FROM order_status_reservations r LEFT JOIN order_status_children c ON c.child_id = r.child_id
         WHERE ${where.join(' AND ')}
         ORDER BY r.activity_id, r.reservation_id LIMIT @limit`,
      );
      this.listings.set(key, statement);
    }
    return statement;
  }

  private prepared() {
    this.statements ??= this.prepare();
    return this.statements;
  }

  private prepare() {
    const db = this.read.db;
    return {
      ordersOfFamily: db.prepare<[string], OrderRow>(
        `${ORDER_ROWS} WHERE o.family_id = ? ORDER BY o.position, r.line_no`,
      ),
      orderOfFamily: db.prepare<[string, string], OrderRow>(
        `${ORDER_ROWS} WHERE o.order_id = ? AND o.family_id = ? ORDER BY r.line_no`,
      ),
      childOfReservation: db.prepare<[string], { child_id: string }>(
        'SELECT child_id FROM order_status_reservations WHERE reservation_id = ?',
      ),
      reservation: db.prepare<[string], ReservationRow>(
        `SELECT ${RESERVATION_COLUMNS}
         FROM order_status_reservations r LEFT JOIN order_status_children c ON c.child_id = r.child_id
         WHERE r.reservation_id = ?`,
      ),
    };
  }
}

/**
 * An order as `orderOf` shows it once the read model has applied its `OrderPlaced`: every
 * reservation « En attente ». PlaceOrder answers with it as soon as the order is durable.
 * `firstName` is the child's as the family's stream holds it (the read model's source too).
 */
export function placedOrderView(placed: OrderPlaced['data'], firstName: string): OrderView {
  const { orderId, programId, phaseId, childId, placedAt, moduleCount, totalCents, billing } = placed;
  const child = { childId, firstName };
  return {
    orderId,
    programId,
    phaseId,
    child,
    placedAt,
    moduleCount,
    modules: formatModules(moduleCount),
    totalCents,
    total: formatEuros(totalCents),
    // as the read model keeps it: a JSON copy, without the lines left out
    billing: JSON.parse(JSON.stringify(billing)) as Billing,
    reservations: placed.reservations.map(({ reservationId, activityId, name, slot, priceCents }) => ({
      reservationId,
      orderId,
      child,
      activityId,
      name,
      slot: { weekday: slot.weekday, start: slot.start, end: slot.end },
      priceCents,
      price: formatEuros(priceCents),
      status: 'PENDING',
      statusLabel: STATUS_LABELS.PENDING,
    })),
  };
}

function groupOrders(rows: readonly OrderRow[]): OrderView[] {
  const orders = new Map<string, OrderView>();
  for (const row of rows) {
    let order = orders.get(row.order_id);
    if (order === undefined) {
      order = {
        orderId: row.order_id,
        programId: row.program_id,
        phaseId: row.phase_id,
        child: childOf(row),
        placedAt: row.placed_at,
        moduleCount: row.module_count,
        modules: formatModules(row.module_count),
        totalCents: row.total_cents,
        total: formatEuros(row.total_cents),
        billing: JSON.parse(row.billing) as Billing,
        reservations: [],
      };
      orders.set(row.order_id, order);
    }
    order.reservations.push(parentView(row));
  }
  return [...orders.values()];
}

function childOf(row: ReservationRow): { childId: string; firstName: string } {
  return { childId: row.child_id, firstName: row.first_name ?? '' };
}

function parentView(row: ReservationRow): ReservationView {
  const view: ReservationView = {
    reservationId: row.reservation_id,
    orderId: row.order_id,
    child: childOf(row),
    activityId: row.activity_id,
    name: row.name,
    slot: { weekday: row.weekday, start: row.start_time, end: row.end_time },
    priceCents: row.price_cents,
    price: formatEuros(row.price_cents),
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
  };
  const outcome = row.outcome === null ? null : (JSON.parse(row.outcome) as Outcome);
  if (outcome?.status === 'CANCELLED') view.cancellation = cancellationOf(outcome);
  return view;
}

function cancellationOf(outcome: Extract<Outcome, { status: 'CANCELLED' }>): CancellationView {
  const reasonLabel = REASON_LABELS[outcome.reason] ?? outcome.reason;
  if (outcome.cause === 'STAFF') {
    const { reason, note, cancelledAt } = outcome;
    return { cause: 'STAFF', reason, reasonLabel, note, cancelledAt };
  }
  const { reason, detail, rank, lotteryNumber, tier, cutOff, decidedAt } = outcome;
  return { cause: 'ALLOCATION', reason, reasonLabel, detail, rank, lotteryNumber, tier, cutOff, decidedAt };
}

function staffView(row: ReservationRow): StaffReservationView {
  return {
    ...parentView(row),
    familyId: row.family_id,
    programId: row.program_id,
    phaseId: row.phase_id,
    placedAt: row.placed_at,
    decidedAt: row.decided_at,
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as Outcome),
  };
}
