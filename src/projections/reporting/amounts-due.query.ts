import type Database from 'better-sqlite3';
import type { Billing } from '../../domain/order/order.events';
import type { SchoolYear } from '../../domain/shared/school';
import { formatEuros } from '../basket/money';
import { byName } from './programs.query';

const NO_BILLING: Billing = { name: '', address: { line1: '', line2: null, postalCode: '', city: '' } };

export interface DueModule {
  reservationId: string;
  orderId: string;
  child: { childId: string; firstName: string; lastName: string };
  programId: string;
  programName: string;
  activityId: string;
  /** as ordered */
  activityName: string;
  /** the price when ordered */
  priceCents: number;
  price: string;
}

export interface FamilyAmountDue {
  familyId: string;
  /** the billing details of the family's latest order holding one of these modules */
  billing: Billing;
  email: string;
  modules: DueModule[];
  moduleCount: number;
  totalCents: number;
  /** « 225,00 € » */
  total: string;
}

export interface AmountsDue {
  schoolYear: SchoolYear;
  /** families with at least one RESERVED module in the school year's programs, by billing name */
  families: FamilyAmountDue[];
  totals: { familyCount: number; moduleCount: number; totalCents: number; total: string };
}

interface DueRow {
  reservation_id: string;
  order_id: string;
  family_id: string;
  child_id: string;
  first_name: string | null;
  last_name: string | null;
  program_id: string;
  program_name: string;
  activity_id: string;
  activity_name: string;
  price_cents: number;
  billing_name: string;
  billing_address: string;
  order_position: number;
  email: string | null;
}

/** Per family: the RESERVED modules of the school year's programs and their sum, to invoice. */
export function amountsDueOf(db: Database.Database, schoolYear: SchoolYear): AmountsDue {
  const rows = db
    .prepare<[string], DueRow>(
      `SELECT r.reservation_id, r.order_id, r.family_id, r.child_id, c.first_name, c.last_name,
              p.program_id, p.name AS program_name, r.activity_id, r.activity_name, r.price_cents,
              o.billing_name, o.billing_address, o.position AS order_position, f.email
       FROM report_programs p
       JOIN report_reservations r ON r.status = 'RESERVED' AND r.program_id = p.program_id
       JOIN report_orders o ON o.order_id = r.order_id
       LEFT JOIN report_children c ON c.child_id = r.child_id
       LEFT JOIN report_families f ON f.family_id = r.family_id
       WHERE p.school_year = ?
       ORDER BY r.family_id, r.position, r.line`,
    )
    .all(schoolYear);
  const families = new Map<string, { due: FamilyAmountDue; billedAt: number; billing: DueRow }>();
  for (const row of rows) {
    let family = families.get(row.family_id);
    if (family === undefined) {
      const due = { familyId: row.family_id, email: row.email ?? '', modules: [], moduleCount: 0, totalCents: 0 };
      family = { due: { ...due, billing: NO_BILLING, total: '' }, billedAt: row.order_position, billing: row };
      families.set(row.family_id, family);
    } else if (row.order_position > family.billedAt) {
      family.billing = row;
      family.billedAt = row.order_position;
    }
    family.due.modules.push(toModule(row));
    family.due.moduleCount += 1;
    family.due.totalCents += row.price_cents;
  }
  const due = [...families.values()]
    .map(({ due: family, billing }) => ({
      ...family,
      billing: billingOf(billing),
      total: formatEuros(family.totalCents),
    }))
    .sort((a, b) => byName.compare(a.billing.name, b.billing.name) || a.familyId.localeCompare(b.familyId));
  const totalCents = due.reduce((sum, family) => sum + family.totalCents, 0);
  return {
    schoolYear,
    families: due,
    totals: { familyCount: due.length, moduleCount: rows.length, totalCents, total: formatEuros(totalCents) },
  };
}

function billingOf(row: DueRow): Billing {
  return { name: row.billing_name, address: JSON.parse(row.billing_address) as Billing['address'] };
}

function toModule(row: DueRow): DueModule {
  return {
    reservationId: row.reservation_id,
    orderId: row.order_id,
    child: { childId: row.child_id, firstName: row.first_name ?? '', lastName: row.last_name ?? '' },
    programId: row.program_id,
    programName: row.program_name,
    activityId: row.activity_id,
    activityName: row.activity_name,
    priceCents: row.price_cents,
    price: formatEuros(row.price_cents),
  };
}
