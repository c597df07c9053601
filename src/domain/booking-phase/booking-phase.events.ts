import type { Message } from '../shared/decider';
import type { Tier } from '../shared/school';

/** On the program stream: a phase's rules concern the program's schedule. */
export type BookingPhaseDefined = Message<
  'BookingPhaseDefined',
  {
    programId: string;
    phaseId: string;
    name: string;
    /** ISO 8601 with offset; the phase is open from `opensAt` (inclusive) to `closesAt` (exclusive) */
    opensAt: string;
    closesAt: string;
    /** ascending, no duplicates: [1] for the priority phase, [1, 2] after */
    admittedTiers: Tier[];
    definedAt: string;
  }
>;

/** PRODUCT.md: "The seed is committed before the draw": its SHA-256 is recorded when the phase closes. */
export type BookingPhaseClosed = Message<
  'BookingPhaseClosed',
  { programId: string; phaseId: string; seedCommitment: string; closedAt: string }
>;

export type BookingPhaseEvent = BookingPhaseDefined | BookingPhaseClosed;
