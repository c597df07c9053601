import {
  addLine,
  aKey,
  BETWEEN_PHASES,
  decide,
  DURING_PRIORITY,
  Family,
  ordered,
  placeOrder,
  primairesProgram,
  Program,
  validatedFamily,
} from '../../support/booking.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { staffBearer } from '../../support/tokens';

describe('reservations, for staff', () => {
  let t: TestApp;
  let staff: string;
  let program: Program;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffBearer(t);
    program = await primairesProgram(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(DURING_PRIORITY));

  const aFamily = () => validatedFamily(t, { programIds: [program.programId] });
  const cancel = (reservationId: string, body: object, auth = staff) =>
    t.http().post(`/reservations/${reservationId}/cancellation`).set('Authorization', auth).send(body);
  const orderOf = async (family: Family, orderId: string) =>
    (await t.http().get(`/me/orders/${orderId}`).set('Authorization', family.auth).expect(200)).body;

  describe('CancelReservation', () => {
    it('cancels a pending reservation: the family sees it « Annulé » with the reason, and orders a replacement', async () => {
      const family = await aFamily();
      const lea = family.children['Léa'];
      const { orderId, reservationIds } = await ordered(t, family, lea, program.programId, [
        program.activities.judo,
        program.activities.english,
      ]);
      const note = 'Léa sera en CE1 : merci de réserver à nouveau.';
      const response = await cancel(reservationIds[0], { reason: 'WRONG_CLASS', note }).expect(200);
      expect(response.body).toMatchObject({
        reservationId: reservationIds[0],
        familyId: family.familyId,
        status: 'CANCELLED',
        statusLabel: 'Annulé',
        outcome: { status: 'CANCELLED', cause: 'STAFF', reason: 'WRONG_CLASS', note, cancelledAt: DURING_PRIORITY },
      });
      expect(response.body.outcome.cancelledBy).toEqual(expect.any(String));

      const seen = await orderOf(family, orderId);
      expect(seen.reservations[0]).toMatchObject({
        name: 'Judo',
        status: 'CANCELLED',
        statusLabel: 'Annulé',
        cancellation: {
          cause: 'STAFF',
          reason: 'WRONG_CLASS',
          reasonLabel: 'Erreur de classe',
          note,
          cancelledAt: DURING_PRIORITY,
        },
      });
      expect(seen.reservations[0].cancellation.cancelledBy).toBeUndefined();
      expect(seen.reservations[1]).toMatchObject({ name: 'Anglais', status: 'PENDING', statusLabel: 'En attente' });

      await addLine(t, family.auth, lea, program.programId, program.activities.judo).expect(201);
      const replacement = await placeOrder(t, family.auth, lea, aKey()).expect(201);
      expect(replacement.body.reservations).toEqual([
        expect.objectContaining({ name: 'Judo', status: 'PENDING', statusLabel: 'En attente' }),
      ]);
    });

    it('records no note when none is given', async () => {
      const family = await aFamily();
      const { reservationIds } = await ordered(t, family, family.children['Léa'], program.programId, [
        program.activities.english,
      ]);
      const response = await cancel(reservationIds[0], { reason: 'DUPLICATE' }).expect(200);
      expect(response.body.cancellation).toMatchObject({
        reason: 'DUPLICATE',
        reasonLabel: "Doublon d'activités",
        note: null,
      });
    });

    it('leaves the replacement to the next phase that admits the family', async () => {
      const family = await aFamily();
      const lea = family.children['Léa'];
      const { reservationIds } = await ordered(t, family, lea, program.programId, [program.activities.judo]);
      t.clock.set(BETWEEN_PHASES);
      await cancel(reservationIds[0], { reason: 'WRONG_CLASS' }).expect(200);
      await addLine(t, family.auth, lea, program.programId, program.activities.judo).expect(201);
      const refused = await placeOrder(t, family.auth, lea, aKey()).expect(400);
      expect(refused.body.error).toBe('NO_BOOKING_PHASE_OPEN');
    });

    describe('refuses, saying why', () => {
      it('a reservation no longer pending', async () => {
        const family = await aFamily();
        const lea = family.children['Léa'];
        const { reservationIds } = await ordered(t, family, lea, program.programId, [
          program.activities.judo,
          program.activities.english,
        ]);
        await cancel(reservationIds[0], { reason: 'DUPLICATE' }).expect(200);
        const again = await cancel(reservationIds[0], { reason: 'DUPLICATE' }).expect(409);
        expect(again.body).toEqual({
          statusCode: 409,
          error: 'RESERVATION_NOT_PENDING',
          message:
            'The reservation of "Judo" (WEDNESDAY 14:00–15:00) is CANCELLED (« Annulé »): only a pending reservation can be cancelled.',
        });
        await decide(t, lea, reservationIds[1], { outcome: 'RESERVED', rank: 1, lotteryNumber: 'ab', tier: 1 });
        const reserved = await cancel(reservationIds[1], { reason: 'OTHER' }).expect(409);
        expect(reserved.body.message).toMatch(/is RESERVED \(« Réservé »\)/);
      });

      it('a reservation that does not exist', async () => {
        const response = await cancel('no-such-order:no-such-activity', { reason: 'OTHER' }).expect(404);
        expect(response.body).toEqual({
          statusCode: 404,
          error: 'RESERVATION_NOT_FOUND',
          message: 'There is no reservation no-such-order:no-such-activity.',
        });
      });

      it('a reservation id that is not one, a reason that is not one, or an unknown field, naming it', async () => {
        const malformed = await cancel('just-an-order-id', { reason: 'OTHER' }).expect(400);
        expect(malformed.body.message).toBe('reservationId must be a reservation id: <orderId>:<activityId>');
        const family = await aFamily();
        const { reservationIds } = await ordered(t, family, family.children['Léa'], program.programId, [
          program.activities.english,
        ]);
        const reason = await cancel(reservationIds[0], { reason: 'BAD_MOOD' }).expect(400);
        expect(reason.body.message).toBe(
          'reason must be one of the following values: WRONG_CLASS, DUPLICATE, FAMILY_REQUEST, OTHER',
        );
        const unknown = await cancel(reservationIds[0], { reason: 'OTHER', status: 'RESERVED' }).expect(400);
        expect(unknown.body.message).toBe('status: property status should not exist');
      });
    });

    it('is for staff: parents are refused', async () => {
      const family = await aFamily();
      const { reservationIds } = await ordered(t, family, family.children['Léa'], program.programId, [
        program.activities.english,
      ]);
      const response = await cancel(reservationIds[0], { reason: 'FAMILY_REQUEST' }, family.auth).expect(403);
      expect(response.body.message).toBe("This is for the association's staff only.");
    });
  });

  describe('the list of a program’s reservations', () => {
    let listed: Program;
    let families: Family[];
    let reservations: { judo: string[]; english: string[] };
    beforeAll(async () => {
      listed = await primairesProgram(t);
      t.clock.set(DURING_PRIORITY);
      families = [];
      reservations = { judo: [], english: [] };
      for (let i = 0; i < 3; i++) {
        const family = await validatedFamily(t, { programIds: [listed.programId] });
        const { reservationIds } = await ordered(t, family, family.children['Léa'], listed.programId, [
          listed.activities.judo,
          listed.activities.english,
        ]);
        families.push(family);
        reservations.judo.push(reservationIds[0]);
        reservations.english.push(reservationIds[1]);
      }
      await cancel(reservations.judo[1], { reason: 'WRONG_CLASS' }).expect(200);
    });

    const list = (query: Record<string, string | number>, auth = staff) =>
      t.http().get('/reservations').query(query).set('Authorization', auth);
    const ids = (body: { reservations: { reservationId: string }[] }) => body.reservations.map((r) => r.reservationId);

    it('lists the pending reservations of the program’s round, by activity', async () => {
      const response = await list({ programId: listed.programId, status: 'PENDING' }).expect(200);
      expect(ids(response.body).sort()).toEqual(
        [reservations.judo[0], reservations.judo[2], ...reservations.english].sort(),
      );
      const activities = response.body.reservations.map((r: { activityId: string }) => r.activityId);
      expect(activities).toEqual(activities.slice().sort());
      expect(response.body.next).toBeNull();
      expect(response.body.reservations[0]).toEqual(
        expect.objectContaining({
          programId: listed.programId,
          phaseId: listed.phases.priority,
          status: 'PENDING',
          statusLabel: 'En attente',
          child: expect.objectContaining({ firstName: 'Léa' }),
          familyId: expect.any(String),
          outcome: null,
        }),
      );
    });

    it('filters by activity and status', async () => {
      const judo = await list({ programId: listed.programId, activityId: listed.activities.judo }).expect(200);
      expect(ids(judo.body).sort()).toEqual(reservations.judo.slice().sort());
      const cancelled = await list({ programId: listed.programId, status: 'CANCELLED' }).expect(200);
      expect(ids(cancelled.body)).toEqual([reservations.judo[1]]);
      const pendingJudo = await list({
        programId: listed.programId,
        status: 'PENDING',
        activityId: listed.activities.judo,
      }).expect(200);
      expect(ids(pendingJudo.body).sort()).toEqual([reservations.judo[0], reservations.judo[2]].sort());
    });

    it('pages through them with the `next` cursor', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const query: Record<string, string | number> = { programId: listed.programId, limit: 4 };
        if (after !== null) query.after = after;
        const response = await list(query).expect(200);
        seen.push(...ids(response.body));
        after = response.body.next;
        if (after === null) break;
      }
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
    });

    it('refuses a request without a program or with a bad filter, naming it', async () => {
      const noProgram = await list({ status: 'PENDING' }).expect(400);
      expect(noProgram.body.message).toBe('programId must be an id: 1 to 100 letters, digits, _ or -');
      const badStatus = await list({ programId: listed.programId, status: 'WAITING' }).expect(400);
      expect(badStatus.body.message).toBe('status must be one of the following values: PENDING, RESERVED, CANCELLED');
      const badLimit = await list({ programId: listed.programId, limit: 5000 }).expect(400);
      expect(badLimit.body.message).toBe('limit must not be greater than 1000');
      const badCursor = await list({ programId: listed.programId, after: 'bm90LWEtY3Vyc29y' }).expect(400);
      expect(badCursor.body.message).toBe('after must be the `next` cursor of a previous page');
    });

    it('is for staff: parents are refused', async () => {
      await list({ programId: listed.programId }, families[0].auth).expect(403);
    });
  });
});
