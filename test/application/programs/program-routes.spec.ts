import { createProgram, scheduleActivity, seedFamily } from '../../support/program.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { parentBearer, staffBearer } from '../../support/tokens';

describe('the program routes', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());

  describe('staff routes', () => {
    const staffRoutes = (programId: string, activityId: string) =>
      [
        ['post', '/programs', {}],
        ['post', `/programs/${programId}/activities`, {}],
        ['patch', `/programs/${programId}/activities/${activityId}`, { capacity: 20 }],
        ['post', `/programs/${programId}/activities/${activityId}/withdrawal`, { reason: 'x' }],
        ['post', `/programs/${programId}/phases`, {}],
        ['post', `/programs/${programId}/phases/some-phase/close`, {}],
      ] as const;

    it('refuse parents, even validated for the program', async () => {
      const programId = await createProgram(t, staff);
      const activityId = await scheduleActivity(t, staff, programId);
      const parent = await parentBearer(t, await seedFamily(t, { programIds: [programId] }));
      for (const [method, path, body] of staffRoutes(programId, activityId)) {
        const response = await t.http()[method](path).set('Authorization', parent).send(body);
        expect([path, response.status, response.body.message]).toEqual([
          path,
          403,
          "This is for the association's staff only.",
        ]);
      }
    });

    it('refuse anonymous callers', async () => {
      const programId = await createProgram(t, staff);
      const activityId = await scheduleActivity(t, staff, programId);
      for (const [method, path, body] of staffRoutes(programId, activityId)) {
        const response = await t.http()[method](path).send(body);
        expect([path, response.status]).toEqual([path, 401]);
      }
      await t.http().get('/programs').expect(401);
      await t.http().get(`/programs/${programId}/planning`).expect(401);
    });
  });

  describe('bad input', () => {
    const scheduleWith = async (changes: Record<string, unknown>) => {
      const programId = await createProgram(t, staff);
      return t
        .http()
        .post(`/programs/${programId}/activities`)
        .set('Authorization', staff)
        .send({
          name: 'Judo',
          slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
          priceCents: 4500,
          acceptedLevels: ['PS'],
          capacity: 10,
          ...changes,
        });
    };

    it('names a bad weekday', async () => {
      const response = await scheduleWith({ slot: { weekday: 'SUNDAY', start: '16:30', end: '17:30' } });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('INVALID_INPUT');
      expect(response.body.message).toMatch(/^slot\.weekday must be one of the following values: MONDAY/);
    });

    it('names a price that is not a whole number of cents', async () => {
      const response = await scheduleWith({ priceCents: 45.5 });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('priceCents must be a whole number of cents');
    });

    it('names a time not written HH:MM and a class level that does not exist', async () => {
      const response = await scheduleWith({
        slot: { weekday: 'MONDAY', start: '4pm', end: '17:30' },
        acceptedLevels: ['PS', 'CP2'],
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('slot.start must be a time written HH:MM');
      expect(response.body.message).toContain('acceptedLevels');
    });

    it('names an unknown field', async () => {
      const response = await scheduleWith({ colour: 'blue' });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('property colour should not exist');
    });

    it('explains a rule of the domain: a level outside the program’s cycle', async () => {
      const response = await scheduleWith({ acceptedLevels: ['PS', 'CP'] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'CLASS_LEVEL_NOT_IN_CYCLE' });
      expect(response.body.message).toContain('CP is not a level of Activités Maternelles 2025-2026');
    });

    it('names a program field missing and a phase time without its offset', async () => {
      const missing = await t.http().post('/programs').set('Authorization', staff).send({ name: 'X' }).expect(400);
      expect(missing.body.message).toContain('cycle must be one of the following values');
      expect(missing.body.message).toContain('schoolYear must be written like 2025-2026');
      const programId = await createProgram(t, staff);
      const phase = await t
        .http()
        .post(`/programs/${programId}/phases`)
        .set('Authorization', staff)
        .send({
          name: 'Période prioritaire',
          opensAt: '2025-05-12T09:00',
          closesAt: '2025-05-26T20:00:00+02:00',
          admittedTiers: [3],
        })
        .expect(400);
      expect(phase.body.message).toContain('opensAt must be a date and time in ISO 8601 with its offset');
      expect(phase.body.message).toContain('admittedTiers');
    });
  });
});
