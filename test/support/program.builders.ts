import type { BookingPhaseClosed, BookingPhaseDefined } from '../../src/domain/booking-phase/booking-phase.events';
import type { ActivityScheduled, ProgramCreated } from '../../src/domain/program/program.events';
import { newId } from './family.builders';

export { newId };

/** A SHA-256 digest in lowercase hex, as the application commits a seed. */
export const aSeedCommitment = 'a3f5c2e1b4d6978001122334455667788990aabbccddeeff0011223344556677';

export const programCreated = (programId: string, overrides: Partial<ProgramCreated['data']> = {}): ProgramCreated => ({
  type: 'ProgramCreated',
  data: {
    programId,
    name: 'Activités Maternelles 2024-2025',
    cycle: 'MATERNELLE',
    schoolYear: '2024-2025',
    typicalWeek: { from: '2024-09-09', to: '2024-09-13' },
    createdBy: 'staff-anne',
    createdAt: '2024-02-01T09:00:00+01:00',
    ...overrides,
  },
});

export const activityScheduled = (
  programId: string,
  overrides: Partial<ActivityScheduled['data']> = {},
): ActivityScheduled => ({
  type: 'ActivityScheduled',
  data: {
    programId,
    activityId: newId('activity'),
    name: 'Éveil musical',
    slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
    priceCents: 18000,
    acceptedLevels: ['PS', 'MS'],
    capacity: 12,
    scheduledAt: '2024-02-02T09:00:00+01:00',
    ...overrides,
  },
});

/** The priority phase of the procedure: tier 1 only, 13–27 May 2024. */
export const bookingPhaseDefined = (
  programId: string,
  overrides: Partial<BookingPhaseDefined['data']> = {},
): BookingPhaseDefined => ({
  type: 'BookingPhaseDefined',
  data: {
    programId,
    phaseId: newId('phase'),
    name: 'Période prioritaire',
    opensAt: '2024-05-13T09:00:00+02:00',
    closesAt: '2024-05-27T20:00:00+02:00',
    admittedTiers: [1],
    definedAt: '2024-02-03T09:00:00+01:00',
    ...overrides,
  },
});

export const bookingPhaseClosed = (
  programId: string,
  phaseId: string,
  overrides: Partial<BookingPhaseClosed['data']> = {},
): BookingPhaseClosed => ({
  type: 'BookingPhaseClosed',
  data: { programId, phaseId, seedCommitment: aSeedCommitment, closedAt: '2024-05-27T20:00:00+02:00', ...overrides },
});
