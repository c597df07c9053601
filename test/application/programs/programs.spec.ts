import { ProgramFacts } from '../../../src/application/programs/program-facts';
import { ReadModels } from '../../../src/application/projections/read-models';
import { NotFound } from '../../../src/domain/shared/errors';
import {
  createProgram,
  definePhase,
  DURING_PRIORITY,
  OPEN_PHASE,
  PRIORITY_PHASE,
  scheduleActivity,
} from '../../support/program.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { staffBearer } from '../../support/tokens';

describe('programs and their planning (staff)', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-03-01T08:00:00.000Z'));

  describe('POST /programs', () => {
    it('creates a program and answers its id', async () => {
      const response = await t
        .http()
        .post('/programs')
        .set('Authorization', staff)
        .send({
          name: 'Activités Primaires 2025-2026',
          cycle: 'PRIMAIRE',
          schoolYear: '2025-2026',
          typicalWeek: { from: '2025-09-08', to: '2025-09-12' },
        })
        .expect(201);
      expect(response.body).toEqual({ programId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    });

    it('refuses a typical week outside the school year, with the reason', async () => {
      const response = await t
        .http()
        .post('/programs')
        .set('Authorization', staff)
        .send({
          name: 'Activités Maternelles 2025-2026',
          cycle: 'MATERNELLE',
          schoolYear: '2025-2026',
          typicalWeek: { from: '2024-09-09', to: '2024-09-13' },
        })
        .expect(400);
      expect(response.body.error).toBe('TYPICAL_WEEK_OUTSIDE_SCHOOL_YEAR');
    });
  });

  describe('GET /programs/:programId/planning', () => {
    it('groups the activities by weekday, then by slot in time order, with prices, levels and seats', async () => {
      const programId = await createProgram(t, staff);
      const judo = await scheduleActivity(t, staff, programId, {
        name: 'Judo',
        slot: { weekday: 'WEDNESDAY', start: '14:00', end: '15:00' },
        priceCents: 18000,
        acceptedLevels: ['MS', 'GS'],
        capacity: 10,
      });
      const dance = await scheduleActivity(t, staff, programId, {
        name: 'Danse',
        slot: { weekday: 'MONDAY', start: '17:30', end: '18:30' },
      });
      const music = await scheduleActivity(t, staff, programId, { name: 'Éveil musical' });
      const english = await scheduleActivity(t, staff, programId, { name: 'Anglais', priceCents: 123456 });
      const priority = await definePhase(t, staff, programId, PRIORITY_PHASE);
      const open = await definePhase(t, staff, programId, OPEN_PHASE);

      const { body } = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff).expect(200);

      expect(body).toMatchObject({
        programId,
        name: 'Activités Maternelles 2025-2026',
        cycle: 'MATERNELLE',
        schoolYear: '2025-2026',
        typicalWeek: { from: '2025-09-08', to: '2025-09-12' },
      });
      expect(
        body.week.map((day: { weekday: string; slots: { start: string; activities: { activityId: string }[] }[] }) => [
          day.weekday,
          day.slots.map((slot) => [slot.start, slot.activities.map((a) => a.activityId)]),
        ]),
      ).toEqual([
        [
          'MONDAY',
          [
            ['16:30', [english, music]],
            ['17:30', [dance]],
          ],
        ],
        ['WEDNESDAY', [['14:00', [judo]]]],
      ]);
      expect(body.week[1].slots[0]).toEqual({
        start: '14:00',
        end: '15:00',
        activities: [
          {
            activityId: judo,
            name: 'Judo',
            start: '14:00',
            end: '15:00',
            priceCents: 18000,
            price: '180,00 €',
            acceptedLevels: ['MS', 'GS'],
            capacity: 10,
            pending: 0,
            reserved: 0,
            seatsLeft: 10,
            status: 'SCHEDULED',
          },
        ],
      });
      expect(body.week[0].slots[0].activities.map((a: { price: string }) => a.price)).toEqual([
        '1 234,56 €',
        '45,00 €',
      ]);
      expect(body.phases).toEqual([
        {
          phaseId: priority,
          ...PRIORITY_PHASE,
          status: 'UPCOMING',
          seedCommitment: null,
          closedAt: null,
        },
        { phaseId: open, ...OPEN_PHASE, status: 'UPCOMING', seedCommitment: null, closedAt: null },
      ]);
    });

    it('tells the status of each phase by the clock', async () => {
      const programId = await createProgram(t, staff);
      await definePhase(t, staff, programId, PRIORITY_PHASE);
      await definePhase(t, staff, programId, OPEN_PHASE);
      t.clock.set(DURING_PRIORITY);
      const { body } = await t.http().get(`/programs/${programId}/phases`).set('Authorization', staff).expect(200);
      expect(body.phases.map((p: { status: string }) => p.status)).toEqual(['OPEN', 'UPCOMING']);
      t.clock.set('2025-06-20T10:00:00.000Z');
      const later = await t.http().get(`/programs/${programId}/phases`).set('Authorization', staff).expect(200);
      expect(later.body.phases.map((p: { status: string }) => p.status)).toEqual(['CLOSED', 'CLOSED']);
    });

    it('answers 404 for a program that does not exist', async () => {
      const response = await t.http().get('/programs/nope/planning').set('Authorization', staff).expect(404);
      expect(response.body.error).toBe('PROGRAM_NOT_FOUND');
    });

    it('is rebuilt from the events to the same planning', async () => {
      const programId = await createProgram(t, staff);
      await scheduleActivity(t, staff, programId);
      await definePhase(t, staff, programId);
      const before = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff).expect(200);
      await t.app.get(ReadModels).rebuild();
      const after = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff).expect(200);
      expect(after.body).toEqual(before.body);
    });
  });

  describe('GET /programs (staff)', () => {
    it('lists every program with its open and next phase', async () => {
      const programId = await createProgram(t, staff);
      const priority = await definePhase(t, staff, programId, PRIORITY_PHASE);
      const open = await definePhase(t, staff, programId, OPEN_PHASE);
      t.clock.set(DURING_PRIORITY);
      const { body } = await t.http().get('/programs').set('Authorization', staff).expect(200);
      const listed = body.programs.find((p: { programId: string }) => p.programId === programId);
      expect(listed.openPhase.phaseId).toBe(priority);
      expect(listed.nextPhase.phaseId).toBe(open);
    });
  });

  describe('PATCH /programs/:programId/activities/:activityId', () => {
    it('changes anything before the first phase opens', async () => {
      const programId = await createProgram(t, staff);
      await definePhase(t, staff, programId, PRIORITY_PHASE);
      const activityId = await scheduleActivity(t, staff, programId);
      const response = await t
        .http()
        .patch(`/programs/${programId}/activities/${activityId}`)
        .set('Authorization', staff)
        .send({ priceCents: 5000, slot: { weekday: 'TUESDAY', start: '16:30', end: '17:30' }, capacity: 12 })
        .expect(200);
      expect(response.body).toEqual({ activityId, changed: ['slot', 'priceCents'] });
      const { body } = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff);
      expect(body.week[0].weekday).toBe('TUESDAY');
      expect(body.week[0].slots[0].activities[0]).toMatchObject({ priceCents: 5000, price: '50,00 €' });
    });

    it('once booking opened, refuses a price change with the reason but accepts more seats', async () => {
      const programId = await createProgram(t, staff);
      await definePhase(t, staff, programId, PRIORITY_PHASE);
      const activityId = await scheduleActivity(t, staff, programId, { capacity: 12 });
      t.clock.set(DURING_PRIORITY);
      const refused = await t
        .http()
        .patch(`/programs/${programId}/activities/${activityId}`)
        .set('Authorization', staff)
        .send({ priceCents: 5000 })
        .expect(409);
      expect(refused.body.error).toBe('BOOKING_ALREADY_OPEN');
      expect(refused.body.message).toContain('changing the price would invalidate reservations already made');
      await t
        .http()
        .patch(`/programs/${programId}/activities/${activityId}`)
        .set('Authorization', staff)
        .send({ capacity: 16 })
        .expect(200, { activityId, changed: ['capacity'] });
      const { body } = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff);
      expect(body.week[0].slots[0].activities[0]).toMatchObject({ capacity: 16, seatsLeft: 16, priceCents: 4500 });
    });
  });

  describe('POST /programs/:programId/activities/:activityId/withdrawal', () => {
    it('withdraws an activity before booking opens; staff still see it, with the reason', async () => {
      const programId = await createProgram(t, staff);
      const activityId = await scheduleActivity(t, staff, programId);
      await t
        .http()
        .post(`/programs/${programId}/activities/${activityId}/withdrawal`)
        .set('Authorization', staff)
        .send({ reason: "L'intervenante n'est plus disponible." })
        .expect(201, { activityId, withdrawnAt: '2025-03-01T08:00:00.000Z' });
      const { body } = await t.http().get(`/programs/${programId}/planning`).set('Authorization', staff);
      expect(body.week[0].slots[0].activities[0]).toMatchObject({
        status: 'WITHDRAWN',
        withdrawal: { reason: "L'intervenante n'est plus disponible.", withdrawnAt: '2025-03-01T08:00:00.000Z' },
      });
    });

    it('refuses once booking opened', async () => {
      const programId = await createProgram(t, staff);
      await definePhase(t, staff, programId, PRIORITY_PHASE);
      const activityId = await scheduleActivity(t, staff, programId);
      t.clock.set(DURING_PRIORITY);
      const response = await t
        .http()
        .post(`/programs/${programId}/activities/${activityId}/withdrawal`)
        .set('Authorization', staff)
        .send({ reason: 'Plus de salle.' })
        .expect(409);
      expect(response.body.error).toBe('BOOKING_ALREADY_OPEN');
    });
  });

  describe('ProgramFacts', () => {
    it('loads the program as its stream stands now, and says when there is none', async () => {
      const facts = t.app.get(ProgramFacts);
      const programId = await createProgram(t, staff);
      expect(Object.keys((await facts.load(programId)).activities)).toEqual([]);
      const activityId = await scheduleActivity(t, staff, programId);
      expect(Object.keys((await facts.load(programId)).activities)).toEqual([activityId]);
      await expect(facts.load('no-such-program')).rejects.toBeInstanceOf(NotFound);
    });
  });
});
