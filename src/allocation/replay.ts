import { AllocationInput, Decision } from './allocation.types';
import { allocate } from './mechanisms';

export interface DecisionDifference {
  reservationId: string;
  /** null: the recomputation decides a request the record does not (or records it twice) */
  recorded: Decision | null;
  /** null: the record holds a decision for a request the input does not have */
  recomputed: Decision | null;
}

export interface ReplayReport {
  /** every decision the same, and in the same order */
  identical: boolean;
  sameOrder: boolean;
  differences: DecisionDifference[];
}

/**
 * Replays a run (PRODUCT.md: same inputs and seed → the same decisions, byte for byte) and
 * compares it with what was recorded, decision by decision, on canonical JSON so that a store
 * that reorders an object's keys is not mistaken for tampering.
 */
export function verifyRun(input: AllocationInput, recordedDecisions: readonly Decision[]): ReplayReport {
  const recomputed = allocate(input).decisions;
  const expected = new Map(recomputed.map((d) => [d.reservationId, d]));
  const seen = new Set<string>();
  const differences: DecisionDifference[] = [];
  for (const recorded of recordedDecisions) {
    const again = seen.has(recorded.reservationId) ? undefined : expected.get(recorded.reservationId);
    seen.add(recorded.reservationId);
    if (!again || canonicalJson(again) !== canonicalJson(recorded)) {
      differences.push({ reservationId: recorded.reservationId, recorded, recomputed: again ?? null });
    }
  }
  for (const d of recomputed) {
    if (!seen.has(d.reservationId)) differences.push({ reservationId: d.reservationId, recorded: null, recomputed: d });
  }
  const sameOrder =
    recomputed.length === recordedDecisions.length &&
    recomputed.every((d, i) => d.reservationId === recordedDecisions[i].reservationId);
  return { identical: differences.length === 0 && sameOrder, sameOrder, differences };
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
