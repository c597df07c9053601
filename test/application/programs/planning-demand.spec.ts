import { ReadModels } from '../../../src/application/projections/read-models';
import type { ClassLevel } from '../../../src/domain/shared/school';
import type { Slot } from '../../../src/domain/shared/slot';
import {
  BookedActivity,
  createProgram,
  decideReservation,
  definePhase,
  DURING_PRIORITY,
  placeOrder,
  PRIORITY_PHASE,
  scheduleActivity,
  seedFamily,
} from '../../support/program.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { parentBearer, staffBearer } from '../../support/tokens';
import { bookingDecider, bookingStream } from '../../../src/domain/order/booking.decider';
import { Commands } from '../../../src/application/shared/commands.service';
import { systemContext } from '../../../src/application/shared/command-context';

interface Seats {
  pending: number;
  reserved: number;
  seatsLeft: number;
}

describe('demand in the planning', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());

  async function aProgramOpenForBooking() {
    t.clock.set('2025-03-01T08:00:00.000Z');
    const programId = await createProgram(t, staff);
    const phaseId = await definePhase(t, staff, programId, PRIORITY_PHASE);
    const activity = async (name: string, slot: Slot, capacity: number): Promise<BookedActivity> => {
      const details = { name, slot, priceCents: 4500, acceptedLevels: ['PS', 'MS'] as ClassLevel[], capacity };
      return { activityId: await scheduleActivity(t, staff, programId, details), programId, ...details };
    };
    const music = await activity('Éveil musical', { weekday: 'MONDAY', start: '16:30', end: '17:30' }, 2);
    const dance = await activity('Danse', { weekday: 'TUESDAY', start: '16:30', end: '17:30' }, 10);
    t.clock.set(DURING_PRIORITY);
    return { programId, phaseId, music, dance };
  }

  async function seatsOf(programId: string, activityId: string, as = staff): Promise<Seats> {
    const { body } = await t.http().get(`/programs/${programId}/planning`).set('Authorization', as).expect(200);
    for (const day of body.week) {
      for (const slot of day.slots) {
        const found = slot.activities.find((a: { activityId: string }) => a.activityId === activityId);
        if (found) return { pending: found.pending, reserved: found.reserved, seatsLeft: found.seatsLeft };
      }
    }
    throw new Error(`no activity ${activityId} in the planning`);
  }

  it('counts each reservation of a placed order as pending, and shows it to families too', async () => {
    const { programId, phaseId, music, dance } = await aProgramOpenForBooking();
    const familyId = await seedFamily(t, { programIds: [programId] });
    await placeOrder(t, { familyId, phaseId, activities: [music, dance] });
    await placeOrder(t, { familyId, phaseId, activities: [music] });
    expect(await seatsOf(programId, music.activityId)).toEqual({ pending: 2, reserved: 0, seatsLeft: 2 });
    expect(await seatsOf(programId, dance.activityId)).toEqual({ pending: 1, reserved: 0, seatsLeft: 10 });
    const parent = await parentBearer(t, familyId);
    expect(await seatsOf(programId, music.activityId, parent)).toEqual({ pending: 2, reserved: 0, seatsLeft: 2 });
  });

  it('moves a reserved reservation from pending to the seats taken, and drops a rejected or cancelled one', async () => {
    const { programId, phaseId, music, dance } = await aProgramOpenForBooking();
    const familyId = await seedFamily(t, { programIds: [programId] });
    const first = await placeOrder(t, { familyId, phaseId, activities: [music, dance] });
    const second = await placeOrder(t, { familyId, phaseId, activities: [music] });
    const third = await placeOrder(t, { familyId, phaseId, activities: [music] });

    await decideReservation(t, first.childId, first.reservationIds[0], 'RESERVED');
    await decideReservation(t, second.childId, second.reservationIds[0], 'REJECTED');
    await t.app.get(Commands).run(
      bookingStream(third.childId),
      bookingDecider,
      {
        type: 'CancelReservation',
        data: {
          childId: third.childId,
          reservationId: third.reservationIds[0],
          reason: { code: 'WRONG_CLASS' },
          cancelledBy: 'staff-anne',
          now: t.clock.now().toISOString(),
        },
      },
      systemContext('test', t.clock.now()),
    );

    expect(await seatsOf(programId, music.activityId)).toEqual({ pending: 0, reserved: 1, seatsLeft: 1 });
    expect(await seatsOf(programId, dance.activityId)).toEqual({ pending: 1, reserved: 0, seatsLeft: 10 });

    const live = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff);
    await t.app.get(ReadModels).rebuild();
    const rebuilt = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff);
    expect(rebuilt.body).toEqual(live.body);
  });
});
