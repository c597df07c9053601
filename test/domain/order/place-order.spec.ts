import { basketOf } from '../../../src/domain/basket/basket';
import { bookingDecider } from '../../../src/domain/order/booking.decider';
import { hasOrder, orderOf, reservationsOf } from '../../../src/domain/order/booking.state';
import { fold } from '../../../src/domain/shared/decider';
import { Conflict, NotAllowed, RuleViolated } from '../../../src/domain/shared/errors';
import { spec } from '../../support/given-when-then';
import {
  COMPLETE_BILLING,
  NOW,
  aChild,
  activityAdded,
  anActivity,
  freshId,
  orderPlaced,
  ordered,
  placeOrder,
  reservationReserved,
  slot,
} from '../../support/booking.builders';

const booking = spec(bookingDecider);

function aBasketOfTwo() {
  const child = aChild();
  const judo = anActivity(child, { priceCents: 18_000 });
  const chess = anActivity(child, { name: 'Échecs', priceCents: 15_000, slot: slot('MONDAY', '16:30', '17:30') });
  return { child, judo, chess, given: [activityAdded(child, judo), activityAdded(child, chess)] };
}

describe('PlaceOrder', () => {
  describe('given a basket of two activities and an open phase that admits the family', () => {
    it('places the order, every reservation pending, with its module count and total', () => {
      const { child, judo, chess, given } = aBasketOfTwo();
      const phaseId = freshId('phase');
      const command = placeOrder(child, { phase: { phaseId, admitsFamily: true } });
      const { orderId } = command.data;
      booking
        .given(given)
        .when(command)
        .then([
          {
            type: 'OrderPlaced',
            data: {
              orderId,
              childId: child.childId,
              familyId: child.familyId,
              programId: child.programId,
              phaseId,
              billing: {
                name: 'Camille Martin',
                address: { line1: '12 rue Victor Hugo', line2: null, postalCode: '92300', city: 'Levallois-Perret' },
              },
              reservations: [
                {
                  reservationId: `${orderId}:${judo.activityId}`,
                  activityId: judo.activityId,
                  name: 'Judo',
                  slot: judo.slot,
                  priceCents: 18_000,
                },
                {
                  reservationId: `${orderId}:${chess.activityId}`,
                  activityId: chess.activityId,
                  name: 'Échecs',
                  slot: chess.slot,
                  priceCents: 15_000,
                },
              ],
              moduleCount: 2,
              totalCents: 33_000,
              placedAt: NOW,
            },
          },
        ]);
    });

    it('empties the basket and records the order with its reservations pending', () => {
      const { child, given } = aBasketOfTwo();
      const command = placeOrder(child);
      const before = fold(bookingDecider, given);
      const after = fold(bookingDecider, [...given, ...bookingDecider.decide(command, before)]);
      expect(basketOf(after).moduleCount).toBe(0);
      expect(hasOrder(after, command.data.orderId)).toBe(true);
      expect(orderOf(after, command.data.orderId)).toMatchObject({ moduleCount: 2, totalCents: 33_000 });
      expect(reservationsOf(after).map((r) => [r.name, r.status])).toEqual([
        ['Judo', 'PENDING'],
        ['Échecs', 'PENDING'],
      ]);
    });

    it('records billing details trimmed, with the second address line when given', () => {
      const { child, given } = aBasketOfTwo();
      const billing = {
        name: '  Camille Martin ',
        address: {
          line1: ' 12 rue Victor Hugo',
          line2: ' Bâtiment B ',
          postalCode: '92300 ',
          city: 'Levallois-Perret',
        },
      };
      const [event] = bookingDecider.decide(placeOrder(child, { billing }), fold(bookingDecider, given));
      expect(event.type === 'OrderPlaced' && event.data.billing).toEqual({
        name: 'Camille Martin',
        address: { line1: '12 rue Victor Hugo', line2: 'Bâtiment B', postalCode: '92300', city: 'Levallois-Perret' },
      });
    });
  });

  describe('given the same request retried after its order was placed', () => {
    it('places nothing: the same order, never a second one', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      booking
        .given(order.events)
        .when(placeOrder(child, { orderId: order.orderId }))
        .thenNothingHappens();
    });

    it('places nothing even when the basket was filled again since', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const chess = anActivity(child, { name: 'Échecs', slot: slot('MONDAY', '16:30', '17:30') });
      booking
        .given([...order.events, activityAdded(child, chess)])
        .when(placeOrder(child, { orderId: order.orderId }))
        .thenNothingHappens();
    });
  });

  describe('given an empty basket', () => {
    it('refuses the order', () => {
      const child = aChild();
      booking.given([]).when(placeOrder(child)).thenRefuses(RuleViolated, 'BASKET_EMPTY');
    });
  });

  describe('given a basket whose lines were all ordered already', () => {
    it('refuses a new order of an empty basket', () => {
      const child = aChild();
      booking
        .given(ordered(child, [anActivity(child)]).events)
        .when(placeOrder(child))
        .thenRefuses(RuleViolated, 'BASKET_EMPTY');
    });
  });

  describe('given incomplete billing details', () => {
    it.each([
      ['name', { ...COMPLETE_BILLING, name: '' }],
      ['address line 1', { ...COMPLETE_BILLING, address: { ...COMPLETE_BILLING.address, line1: '   ' } }],
      ['postal code', { ...COMPLETE_BILLING, address: { ...COMPLETE_BILLING.address, postalCode: '' } }],
      ['city', { ...COMPLETE_BILLING, address: { ...COMPLETE_BILLING.address, city: ' ' } }],
    ])('refuses the order and names the missing %s', (field, billing) => {
      const { child, given } = aBasketOfTwo();
      const error = booking
        .given(given)
        .when(placeOrder(child, { billing }))
        .thenRefuses(RuleViolated, 'BILLING_INCOMPLETE');
      expect(error.message).toBe(`Billing details are incomplete: please fill in the ${field}.`);
    });

    it('names every missing field at once, even with no address at all', () => {
      const { child, given } = aBasketOfTwo();
      const billing = { name: 'Camille Martin' } as unknown as typeof COMPLETE_BILLING;
      const error = booking
        .given(given)
        .when(placeOrder(child, { billing }))
        .thenRefuses(RuleViolated, 'BILLING_INCOMPLETE');
      expect(error.message).toBe(
        'Billing details are incomplete: please fill in the address line 1, postal code, city.',
      );
    });
  });

  describe('given a closed phase', () => {
    it('refuses the order and says when the next phase opens', () => {
      const { child, given } = aBasketOfTwo();
      const error = booking
        .given(given)
        .when(placeOrder(child, { phase: null, nextOpensAt: '2024-06-03T08:00:00.000Z' }))
        .thenRefuses(RuleViolated, 'NO_BOOKING_PHASE_OPEN');
      expect(error.message).toBe(
        'No booking phase is open for this program; the next one for your family opens at 2024-06-03T08:00:00.000Z.',
      );
    });

    it('refuses the order without promising a date when none is scheduled', () => {
      const { child, given } = aBasketOfTwo();
      const error = booking
        .given(given)
        .when(placeOrder(child, { phase: null }))
        .thenRefuses(RuleViolated, 'NO_BOOKING_PHASE_OPEN');
      expect(error.message).toBe('No booking phase is open for this program.');
    });
  });

  describe('given an open phase for another priority tier', () => {
    it('refuses the order and says when the family’s phase opens', () => {
      const { child, given } = aBasketOfTwo();
      const error = booking
        .given(given)
        .when(
          placeOrder(child, {
            phase: { phaseId: freshId('phase'), admitsFamily: false },
            nextOpensAt: '2024-06-17T08:00:00.000Z',
          }),
        )
        .thenRefuses(NotAllowed, 'PHASE_NOT_FOR_YOUR_TIER');
      expect(error.message).toContain('reserved for families of another priority tier');
      expect(error.message).toContain('2024-06-17T08:00:00.000Z');
    });
  });

  describe('given a basket of another program than the one ordered', () => {
    it('refuses the order', () => {
      const { child, given } = aBasketOfTwo();
      booking
        .given(given)
        .when(placeOrder(child, { programId: freshId('program') }))
        .thenRefuses(RuleViolated, 'BASKET_OF_ANOTHER_PROGRAM');
    });
  });

  describe('given the stream of a child of another family', () => {
    it('refuses the order', () => {
      const { child, given } = aBasketOfTwo();
      booking
        .given(given)
        .when(placeOrder({ ...child, familyId: freshId('family') }))
        .thenRefuses(NotAllowed, 'FAMILY_MISMATCH');
    });
  });

  // Histories AddActivity would refuse today (e.g. written before a rule existed): the order
  // must still never make the child's state illegal.
  describe('given a basket line that duplicates a pending reservation', () => {
    it('refuses the order', () => {
      const child = aChild();
      const judo = anActivity(child);
      booking
        .given([orderPlaced(child, freshId('order'), [judo]), activityAdded(child, judo)])
        .when(placeOrder(child))
        .thenRefuses(Conflict, 'ALREADY_BOOKED');
    });
  });

  describe('given a basket line that clashes with a reserved activity', () => {
    it('refuses the order and names both activities', () => {
      const child = aChild();
      const judo = anActivity(child);
      const orderId = freshId('order');
      const dance = anActivity(child, { name: 'Danse', slot: slot('WEDNESDAY', '14:30', '15:30') });
      const error = booking
        .given([
          orderPlaced(child, orderId, [judo]),
          reservationReserved(child, orderId, judo, freshId('run')),
          activityAdded(child, dance),
        ])
        .when(placeOrder(child))
        .thenRefuses(Conflict, 'SLOT_CLASH');
      expect(error.message).toContain('"Danse" (WEDNESDAY 14:30–15:30) clashes with "Judo" (WEDNESDAY 14:00–15:00)');
    });
  });
});
