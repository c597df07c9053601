import { startTestApp, TestApp } from '../../support/test-app';
import { parentBearer, staffBearer } from '../../support/tokens';
import { ELOISE_LAST_NAME, JEAN, reportsScenario, Scenario, ZOE, ZOE_BILLING } from './reports.scenario';

describe('rosters and amounts due', () => {
  let t: TestApp;
  let s: Scenario;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    s = await reportsScenario(t);
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());

  const get = (path: string, auth = staff) => t.http().get(path).set('Authorization', auth);
  const roster = (activityId: string, query = '') =>
    get(`/reports/programs/${s.programId}/activities/${activityId}/roster${query}`);

  describe('GET /reports/programs/:programId/activities/:activityId/roster', () => {
    it("lists the children seated, by name, with their class and their family's contact", async () => {
      const { body } = await roster(s.chess).expect(200);
      expect(body.activity).toMatchObject({ activityId: s.chess, weekday: 'MONDAY', start: '16:30', capacity: 2 });
      expect(body.children).toEqual([
        {
          reservationId: expect.stringMatching(new RegExp(`:${s.chess}$`)),
          childId: s.families.zoe.children['Éloïse'],
          firstName: 'Éloïse',
          lastName: ELOISE_LAST_NAME,
          classLevel: 'CP',
          family: { familyId: s.families.zoe.familyId, email: s.families.zoe.email, guardians: [ZOE, JEAN] },
        },
        expect.objectContaining({ firstName: 'Jules', lastName: 'Martin', classLevel: 'CE1' }),
      ]);
      const pottery = await roster(s.pottery).expect(200);
      expect(pottery.body.children.map((c: { firstName: string }) => c.firstName)).toEqual(['Nina', 'Éloïse', 'Jules']);
    });

    it('is empty before the allocation seated anyone', async () => {
      const { body } = await roster(s.chess, `?asOfPosition=${s.closedAt}`).expect(200);
      expect(body).toMatchObject({ asOfPosition: s.closedAt, children: [] });
    });

    it('answers 404 for an activity of another program, and refuses parents', async () => {
      const response = await roster('no-such-activity').expect(404);
      expect(response.body.error).toBe('ACTIVITY_NOT_FOUND');
      const parent = await parentBearer(t, s.families.zoe.familyId);
      await get(`/reports/programs/${s.programId}/activities/${s.chess}/roster`, parent).expect(403);
      await t.http().get(`/reports/programs/${s.programId}/activities/${s.chess}/roster`).expect(401);
    });
  });

  describe('GET /reports/amounts-due', () => {
    it("sums each family's reserved modules of the school year, with the billing name of its order", async () => {
      const { body } = await get('/reports/amounts-due?schoolYear=2025-2026').expect(200);
      expect(
        body.families.map((f: Record<string, unknown>) => [
          f.familyId,
          (f.billing as { name: string }).name,
          f.moduleCount,
          f.totalCents,
          f.total,
        ]),
      ).toEqual([
        [s.families.martin.familyId, 'Camille Martin', 2, 16_500, '165,00 €'],
        [s.families.bernard.familyId, 'Famille Bernard', 1, 12_000, '120,00 €'],
        [s.families.zoe.familyId, ZOE_BILLING, 2, 16_500, '165,00 €'],
      ]);
      expect(body.families[1].modules).toEqual([
        expect.objectContaining({
          child: { childId: s.families.bernard.children['Nina'], firstName: 'Nina', lastName: 'Bernard' },
          activityId: s.pottery,
          activityName: 'Poterie',
          priceCents: 12_000,
          price: '120,00 €',
        }),
      ]);
      expect(body.totals).toEqual({ familyCount: 3, moduleCount: 5, totalCents: 45_000, total: '450,00 €' });
    });

    it('owes nothing before the allocation, nor for another school year', async () => {
      const before = await get(`/reports/amounts-due?schoolYear=2025-2026&asOfPosition=${s.closedAt}`).expect(200);
      expect(before.body).toMatchObject({ asOfPosition: s.closedAt, families: [], totals: { totalCents: 0 } });
      const other = await get('/reports/amounts-due?schoolYear=2026-2027').expect(200);
      expect(other.body.families).toEqual([]);
    });

    it('needs a school year, and refuses parents', async () => {
      const missing = await get('/reports/amounts-due').expect(400);
      expect(missing.body.message).toBe('schoolYear must be a school year written like 2025-2026');
      await get('/reports/amounts-due?schoolYear=2025-2026', await parentBearer(t, s.families.zoe.familyId)).expect(
        403,
      );
      await t.http().get('/reports/amounts-due?schoolYear=2025-2026').expect(401);
    });
  });
});
