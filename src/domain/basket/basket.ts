import type { Slot } from '../shared/slot';
import type { BookingState } from '../order/booking.state';

/** A basket line is identified by its activity: a basket never holds the same activity twice. */
export interface BasketLine {
  activityId: string;
  name: string;
  slot: Slot;
  priceCents: number;
  addedAt: string;
}

export interface EmptyBasket {
  status: 'EMPTY';
}

/** Lines of one program only, never none: removing the last line empties the basket. */
export interface FilledBasket {
  status: 'FILLED';
  programId: string;
  lines: readonly BasketLine[];
}

export type Basket = EmptyBasket | FilledBasket;

export const EMPTY_BASKET: EmptyBasket = { status: 'EMPTY' };

export function linesOf(basket: Basket): readonly BasketLine[] {
  return basket.status === 'FILLED' ? basket.lines : [];
}

/** What the procedure shows: « 1m » per line and a total, e.g. « 5m ». */
export interface BasketSummary {
  programId: string | null;
  lines: readonly BasketLine[];
  moduleCount: number;
  /** `${moduleCount}m` */
  modules: string;
  totalCents: number;
}

export function summarize(lines: readonly BasketLine[]): { moduleCount: number; totalCents: number } {
  return {
    moduleCount: lines.length,
    totalCents: lines.reduce((total, line) => total + line.priceCents, 0),
  };
}

export function formatModules(moduleCount: number): string {
  return `${moduleCount}m`;
}

export function basketOf(state: BookingState): BasketSummary {
  const lines = linesOf(state.basket);
  const { moduleCount, totalCents } = summarize(lines);
  return {
    programId: state.basket.status === 'FILLED' ? state.basket.programId : null,
    lines,
    moduleCount,
    modules: formatModules(moduleCount),
    totalCents,
  };
}
