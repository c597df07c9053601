import { basketOf } from '../../../src/domain/basket/basket';
import { bookingDecider } from '../../../src/domain/order/booking.decider';
import { fold } from '../../../src/domain/shared/decider';
import { aChild, activityAdded, activityRemoved, anActivity, ordered, slot } from '../../support/booking.builders';

describe('basketOf', () => {
  describe('given no line', () => {
    it('shows an empty basket of no program: 0m, nothing to pay', () => {
      expect(basketOf(bookingDecider.initialState)).toEqual({
        programId: null,
        lines: [],
        moduleCount: 0,
        modules: '0m',
        totalCents: 0,
      });
    });
  });

  describe('given three lines, one removed', () => {
    it('shows one module per line and the total price, in the order added', () => {
      const child = aChild();
      const judo = anActivity(child, { priceCents: 18_000 });
      const chess = anActivity(child, { name: 'Échecs', priceCents: 15_000, slot: slot('MONDAY', '16:30', '17:30') });
      const pottery = anActivity(child, {
        name: 'Poterie',
        priceCents: 21_000,
        slot: slot('FRIDAY', '16:30', '18:00'),
      });
      const state = fold(bookingDecider, [
        activityAdded(child, judo),
        activityAdded(child, chess),
        activityAdded(child, pottery),
        activityRemoved(child, chess),
      ]);
      const basket = basketOf(state);
      expect(basket).toMatchObject({ programId: child.programId, moduleCount: 2, modules: '2m', totalCents: 39_000 });
      expect(basket.lines.map((line) => line.name)).toEqual(['Judo', 'Poterie']);
    });
  });

  describe('given an order placed', () => {
    it('shows the basket empty again', () => {
      const child = aChild();
      const state = fold(bookingDecider, ordered(child, [anActivity(child)]).events);
      expect(basketOf(state)).toMatchObject({ programId: null, lines: [], modules: '0m' });
    });
  });
});
