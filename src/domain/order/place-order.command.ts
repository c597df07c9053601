import type { Message } from '../shared/decider';
import { NotAllowed, RuleViolated } from '../shared/errors';
import { summarize } from '../basket/basket';
import { activeReservationsOf, hasOrder } from './booking.state';
import type { BookingState } from './booking.state';
import { assertFamily, assertNoClash, assertNotBooked } from './booking.rules';
import type { Billing, OrderPlaced } from './order.events';
import { reservationIdOf } from './reservation';

export interface BillingDetails {
  name: string;
  address: { line1: string; line2?: string; postalCode: string; city: string };
}

/**
 * « VALIDER LA COMMANDE »: the child's basket becomes an order whose reservations all start
 * PENDING. `orderId` is derived by the application from the request's Idempotency-Key, so that a
 * retried request finds its order and places nothing.
 */
export type PlaceOrder = Message<
  'PlaceOrder',
  {
    orderId: string;
    childId: string;
    familyId: string;
    programId: string;
    billing: BillingDetails;
    /** the booking phase open now for this program, and whether it admits this family's tier */
    phase: { phaseId: string; admitsFamily: boolean } | null;
    /** when the next phase of this program that admits this family opens, if one is scheduled */
    nextOpensAt?: string;
    now: string;
  }
>;

export function decidePlaceOrder(command: PlaceOrder, state: BookingState): OrderPlaced[] {
  const { orderId, childId, familyId, programId, phase, nextOpensAt, now } = command.data;
  assertFamily(state, familyId);
  if (hasOrder(state, orderId)) return [];
  const basket = state.basket;
  if (basket.status === 'EMPTY') {
    throw new RuleViolated('The basket is empty: add at least one activity before ordering.', 'BASKET_EMPTY');
  }
  if (basket.programId !== programId) {
    throw new RuleViolated(
      'The basket holds activities of another program: order the basket as it is, or empty it first.',
      'BASKET_OF_ANOTHER_PROGRAM',
    );
  }
  const phaseId = openPhaseFor(phase, nextOpensAt);
  const billing = completeBilling(command.data.billing);
  // AddActivity already refuses these; re-checked so that no order can make the state illegal.
  for (const line of basket.lines) {
    assertNotBooked(line, state, 'your child');
    assertNoClash(line, [...basket.lines, ...activeReservationsOf(state)], 'your child');
  }
  const reservations = basket.lines.map(({ activityId, name, slot, priceCents }) => ({
    reservationId: reservationIdOf(orderId, activityId),
    activityId,
    name,
    slot,
    priceCents,
  }));
  const { moduleCount, totalCents } = summarize(basket.lines);
  const data = { orderId, childId, familyId, programId, phaseId, billing, reservations };
  return [{ type: 'OrderPlaced', data: { ...data, moduleCount, totalCents, placedAt: now } }];
}

function openPhaseFor(phase: PlaceOrder['data']['phase'], nextOpensAt: string | undefined): string {
  const next = nextOpensAt === undefined ? '' : `; the next one for your family opens at ${nextOpensAt}`;
  if (phase === null) {
    throw new RuleViolated(`No booking phase is open for this program${next}.`, 'NO_BOOKING_PHASE_OPEN');
  }
  if (!phase.admitsFamily) {
    throw new NotAllowed(
      `The booking phase open now is reserved for families of another priority tier${next}.`,
      'PHASE_NOT_FOR_YOUR_TIER',
    );
  }
  return phase.phaseId;
}

const REQUIRED_BILLING_FIELDS = [
  ['name', (b: BillingDetails) => b?.name],
  ['address line 1', (b: BillingDetails) => b?.address?.line1],
  ['postal code', (b: BillingDetails) => b?.address?.postalCode],
  ['city', (b: BillingDetails) => b?.address?.city],
] as const;

function completeBilling(billing: BillingDetails): Billing {
  const missing = REQUIRED_BILLING_FIELDS.filter(([, field]) => blank(field(billing))).map(([label]) => label);
  if (missing.length > 0) {
    throw new RuleViolated(
      `Billing details are incomplete: please fill in the ${missing.join(', ')}.`,
      'BILLING_INCOMPLETE',
    );
  }
  const { line1, line2, postalCode, city } = billing.address;
  return {
    name: billing.name.trim(),
    address: {
      line1: line1.trim(),
      line2: typeof line2 === 'string' && line2.trim() !== '' ? line2.trim() : null,
      postalCode: postalCode.trim(),
      city: city.trim(),
    },
  };
}

/** Input comes from a parent's form: absent, null or blank all count as missing. */
function blank(value: string | null | undefined): boolean {
  return typeof value !== 'string' || value.trim() === '';
}
