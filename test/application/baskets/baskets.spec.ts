import { bookingStream } from '../../../src/domain/order/booking.decider';
import { EventStore } from '../../../src/event-store/event-store.port';
import {
  addLine,
  AFTER_PHASES,
  BEFORE_PHASES,
  DURING_PRIORITY,
  Family,
  ordered,
  primairesProgram,
  Program,
  validatedFamily,
} from '../../support/booking.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { staffBearer } from '../../support/tokens';

describe('the basket of one child', () => {
  let t: TestApp;
  let program: Program;
  beforeAll(async () => {
    t = await startTestApp();
    program = await primairesProgram(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(DURING_PRIORITY));

  const aFamily = () => validatedFamily(t, { programIds: [program.programId] });
  const add = (family: Family, activity: keyof Program['activities'], child = 'Léa') =>
    addLine(t, family.auth, family.children[child], program.programId, program.activities[activity]);
  const basketOf = (family: Family, child = 'Léa') =>
    t.http().get(`/me/children/${family.children[child]}/basket`).set('Authorization', family.auth);

  describe('AddActivity', () => {
    it('adds the activity and shows the line, « 1m » each, the module count and the total', async () => {
      const family = await aFamily();
      await add(family, 'judo').expect(201);
      const response = await add(family, 'english').expect(201);
      expect(response.body).toEqual({
        childId: family.children['Léa'],
        programId: program.programId,
        lines: [
          {
            activityId: program.activities.judo,
            name: 'Judo',
            slot: { weekday: 'WEDNESDAY', start: '14:00', end: '15:00' },
            priceCents: 18_000,
            price: '180,00 €',
            modules: '1m',
            addedAt: DURING_PRIORITY,
          },
          {
            activityId: program.activities.english,
            name: 'Anglais',
            slot: { weekday: 'TUESDAY', start: '16:30', end: '17:30' },
            priceCents: 4_500,
            price: '45,00 €',
            modules: '1m',
            addedAt: DURING_PRIORITY,
          },
        ],
        moduleCount: 2,
        modules: '2m',
        totalCents: 22_500,
        total: '225,00 €',
      });
      expect((await basketOf(family).expect(200)).body).toEqual(response.body);
    });

    it('lets a basket be prepared before the phase opens', async () => {
      t.clock.set(BEFORE_PHASES);
      const family = await aFamily();
      await add(family, 'judo').expect(201);
    });

    it('keeps one basket per child', async () => {
      const family = await validatedFamily(t, {
        programIds: [program.programId],
        children: [
          { firstName: 'Léa', classLevel: 'CP' },
          { firstName: 'Hugo', classLevel: 'CM1' },
        ],
      });
      await add(family, 'judo', 'Léa').expect(201);
      await add(family, 'chess', 'Hugo').expect(201);
      expect((await basketOf(family, 'Léa')).body.lines.map((l: { name: string }) => l.name)).toEqual(['Judo']);
      expect((await basketOf(family, 'Hugo')).body.lines.map((l: { name: string }) => l.name)).toEqual(['Échecs']);
    });

    describe('refuses, saying why', () => {
      it('an activity the program does not have', async () => {
        const family = await aFamily();
        const response = await addLine(t, family.auth, family.children['Léa'], program.programId, 'no-such-activity');
        expect(response.status).toBe(404);
        expect(response.body.error).toBe('ACTIVITY_NOT_FOUND');
      });

      it('a program that does not exist', async () => {
        const family = await aFamily();
        const response = await addLine(t, family.auth, family.children['Léa'], 'no-such-program', 'x');
        expect(response.status).toBe(404);
        expect(response.body.error).toBe('PROGRAM_NOT_FOUND');
      });

      it('a program the family was not validated for, as if it did not exist', async () => {
        const other = await primairesProgram(t);
        t.clock.set(DURING_PRIORITY);
        const family = await aFamily();
        const response = await addLine(t, family.auth, family.children['Léa'], other.programId, other.activities.judo);
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ error: 'PROGRAM_NOT_FOUND', message: 'This program does not exist.' });
      });

      it('any program while the account is not validated, with the procedure’s advice', async () => {
        const family = await validatedFamily(t, { programIds: null });
        const response = await add(family, 'judo').expect(403);
        expect(response.body.error).toBe('ACCOUNT_NOT_VALIDATED');
        expect(response.body.message).toMatch(/only validated accounts can book/);
      });

      it('an activity that does not accept the child’s class level', async () => {
        const family = await aFamily();
        const response = await add(family, 'chess').expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          error: 'CLASS_LEVEL_NOT_ACCEPTED',
          message: '"Échecs" (MONDAY 16:30–17:30) accepts CE2, CM1, CM2 only; Léa will be in CP.',
        });
      });

      it('the same activity twice in the basket', async () => {
        const family = await aFamily();
        await add(family, 'judo').expect(201);
        const response = await add(family, 'judo').expect(409);
        expect(response.body).toMatchObject({
          error: 'ALREADY_IN_BASKET',
          message: `"Judo" (WEDNESDAY 14:00–15:00) is already in Léa's basket.`,
        });
      });

      it('an activity already ordered and pending', async () => {
        const family = await aFamily();
        await ordered(t, family, family.children['Léa'], program.programId, [program.activities.judo]);
        const response = await add(family, 'judo').expect(409);
        expect(response.body).toMatchObject({
          error: 'ALREADY_BOOKED',
          message: 'Léa already has a pending reservation in "Judo" (WEDNESDAY 14:00–15:00).',
        });
      });

      it('a slot that clashes with another line of the basket', async () => {
        const family = await aFamily();
        await add(family, 'judo').expect(201);
        const response = await add(family, 'theatre').expect(409);
        expect(response.body).toMatchObject({
          error: 'SLOT_CLASH',
          message: `"Théâtre" (WEDNESDAY 14:30–15:30) clashes with "Judo" (WEDNESDAY 14:00–15:00), already in Léa's basket: pick another slot.`,
        });
      });

      it('a slot that clashes with a pending reservation', async () => {
        const family = await aFamily();
        await ordered(t, family, family.children['Léa'], program.programId, [program.activities.judo]);
        const response = await add(family, 'theatre').expect(409);
        expect(response.body.error).toBe('SLOT_CLASH');
        expect(response.body.message).toMatch(/already booked for Léa and pending/);
      });

      it('a program whose phases for the family are all over', async () => {
        const family = await aFamily();
        t.clock.set(AFTER_PHASES);
        const response = await add(family, 'judo').expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          error: 'PROGRAM_NOT_OPEN',
          message:
            'Activités Primaires 2025-2026 is not open for booking to your family: no booking phase for your family is open or to come.',
        });
      });

      it('a body with an unknown field or without the activity, naming the field', async () => {
        const family = await aFamily();
        const childId = family.children['Léa'];
        const unknown = await t
          .http()
          .post(`/me/children/${childId}/basket/lines`)
          .set('Authorization', family.auth)
          .send({ programId: program.programId, activityId: program.activities.judo, childId: 'someone-else' })
          .expect(400);
        expect(unknown.body.message).toBe('childId: property childId should not exist');
        const missing = await t
          .http()
          .post(`/me/children/${childId}/basket/lines`)
          .set('Authorization', family.auth)
          .send({ programId: program.programId })
          .expect(400);
        expect(missing.body.message).toBe('activityId must be an id: 1 to 100 letters, digits, _ or -');
      });
    });

    describe('given many parents’ clicks at once on the same activity', () => {
      it('adds it once and refuses the others as duplicates', async () => {
        const family = await aFamily();
        const responses = await Promise.all(Array.from({ length: 20 }, () => add(family, 'judo')));
        const statuses = responses.map((r) => r.status).sort();
        expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
        expect(responses.filter((r) => r.status === 409).every((r) => r.body.error === 'ALREADY_IN_BASKET')).toBe(true);
        const events = await t.app.get(EventStore).readStream(bookingStream(family.children['Léa']));
        expect(events.map((e) => e.type)).toEqual(['ActivityAdded']);
        expect((await basketOf(family)).body.modules).toBe('1m');
      });
    });
  });

  describe('RemoveActivity', () => {
    it('takes the line out and shows the basket without it', async () => {
      const family = await aFamily();
      await add(family, 'judo').expect(201);
      await add(family, 'english').expect(201);
      const response = await t
        .http()
        .delete(`/me/children/${family.children['Léa']}/basket/lines/${program.activities.judo}`)
        .set('Authorization', family.auth)
        .expect(200);
      expect(response.body).toMatchObject({ moduleCount: 1, modules: '1m', totalCents: 4_500, total: '45,00 €' });
      expect(response.body.lines.map((l: { name: string }) => l.name)).toEqual(['Anglais']);
    });

    it('leaves an empty basket once the last line is out', async () => {
      const family = await aFamily();
      await add(family, 'judo').expect(201);
      await t
        .http()
        .delete(`/me/children/${family.children['Léa']}/basket/lines/${program.activities.judo}`)
        .set('Authorization', family.auth)
        .expect(200);
      expect((await basketOf(family).expect(200)).body).toEqual({
        childId: family.children['Léa'],
        programId: null,
        lines: [],
        moduleCount: 0,
        modules: '0m',
        totalCents: 0,
        total: '0,00 €',
      });
    });

    it('refuses an activity that is not in the basket', async () => {
      const family = await aFamily();
      const response = await t
        .http()
        .delete(`/me/children/${family.children['Léa']}/basket/lines/${program.activities.judo}`)
        .set('Authorization', family.auth)
        .expect(404);
      expect(response.body).toMatchObject({ error: 'NOT_IN_BASKET', message: 'This activity is not in the basket.' });
    });
  });

  describe('given another family’s child', () => {
    it('neither shows nor changes its basket, as if the child did not exist', async () => {
      const owner = await aFamily();
      const intruder = await aFamily();
      const childId = owner.children['Léa'];
      await add(owner, 'judo').expect(201);
      const notFound = { statusCode: 404, error: 'CHILD_NOT_FOUND', message: 'Your family has no child by this id.' };
      expect((await t.http().get(`/me/children/${childId}/basket`).set('Authorization', intruder.auth)).body).toEqual(
        notFound,
      );
      const added = await addLine(t, intruder.auth, childId, program.programId, program.activities.english);
      expect(added.body).toEqual(notFound);
      const removed = await t
        .http()
        .delete(`/me/children/${childId}/basket/lines/${program.activities.judo}`)
        .set('Authorization', intruder.auth);
      expect(removed.body).toEqual(notFound);
      expect((await basketOf(owner)).body.lines.map((l: { name: string }) => l.name)).toEqual(['Judo']);
      const unknown = await t.http().get('/me/children/no-such-child/basket').set('Authorization', intruder.auth);
      expect(unknown.body).toEqual(notFound);
    });
  });

  it('is for parents: staff are refused', async () => {
    const family = await aFamily();
    const response = await t
      .http()
      .get(`/me/children/${family.children['Léa']}/basket`)
      .set('Authorization', await staffBearer(t))
      .expect(403);
    expect(response.body.message).toBe('This is for parents only.');
  });
});
