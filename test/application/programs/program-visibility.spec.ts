import { ProgramFacts } from '../../../src/application/programs/program-facts';
import { NotAllowed, NotFound } from '../../../src/domain/shared/errors';
import {
  createProgram,
  definePhase,
  DURING_PRIORITY,
  OPEN_PHASE,
  PRIORITY_PHASE,
  scheduleActivity,
  seedFamily,
} from '../../support/program.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { parentBearer, staffBearer } from '../../support/tokens';

const NOT_VALIDATED =
  'Your account is not validated for 2025-2026 yet: update your account and contact the team; only validated accounts can book.';

describe('who sees which program', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-03-01T08:00:00.000Z'));

  describe('given a parent whose account is not validated for the school year', () => {
    it('refuses the planning with the procedure’s advice', async () => {
      const programId = await createProgram(t, staff);
      const familyId = await seedFamily(t, { programIds: null });
      const response = await t
        .http()
        .get(`/programs/${programId}/planning`)
        .set('Authorization', await parentBearer(t, familyId))
        .expect(403);
      expect(response.body).toEqual({ statusCode: 403, error: 'ACCOUNT_NOT_VALIDATED', message: NOT_VALIDATED });
    });

    it('refuses the list of programs with the same advice', async () => {
      await createProgram(t, staff);
      const familyId = await seedFamily(t, { programIds: null });
      const response = await t
        .http()
        .get('/programs')
        .set('Authorization', await parentBearer(t, familyId))
        .expect(403);
      expect(response.body.message).toBe(NOT_VALIDATED);
    });

    it('refuses a program of another school year than the one validated', async () => {
      const nextYear = await createProgram(t, staff, {
        name: 'Activités Maternelles 2026-2027',
        schoolYear: '2026-2027',
        typicalWeek: { from: '2026-09-07', to: '2026-09-11' },
      });
      const familyId = await seedFamily(t, { programIds: [nextYear] });
      const response = await t
        .http()
        .get(`/programs/${nextYear}/planning`)
        .set('Authorization', await parentBearer(t, familyId))
        .expect(403);
      expect(response.body.message).toContain('not validated for 2026-2027 yet');
    });
  });

  describe('given a parent validated for another program', () => {
    // 404, as for a program that does not exist: staff decide which programs a family may see, and
    // a family is not told of the others; 403 is kept for what the family can act on (its account).
    it('answers 404 for this one, and lists only its own', async () => {
      const maternelles = await createProgram(t, staff);
      const primaires = await createProgram(t, staff, { name: 'Activités Primaires 2025-2026', cycle: 'PRIMAIRE' });
      const familyId = await seedFamily(t, { programIds: [primaires] });
      const parent = await parentBearer(t, familyId);
      const response = await t.http().get(`/programs/${maternelles}/planning`).set('Authorization', parent).expect(404);
      expect(response.body).toMatchObject({ error: 'PROGRAM_NOT_FOUND', message: 'This program does not exist.' });
      await t.http().get(`/programs/${maternelles}/phases`).set('Authorization', parent).expect(404);
      const list = await t.http().get('/programs').set('Authorization', parent).expect(200);
      expect(list.body.programs.map((p: { programId: string }) => p.programId)).toEqual([primaires]);
    });
  });

  describe('given a parent validated for the program', () => {
    it('shows the planning without withdrawn activities', async () => {
      const programId = await createProgram(t, staff);
      const kept = await scheduleActivity(t, staff, programId, { name: 'Éveil musical' });
      const withdrawn = await scheduleActivity(t, staff, programId, {
        name: 'Poterie',
        slot: { weekday: 'TUESDAY', start: '16:30', end: '17:30' },
      });
      await t
        .http()
        .post(`/programs/${programId}/activities/${withdrawn}/withdrawal`)
        .set('Authorization', staff)
        .send({ reason: 'Plus de salle.' })
        .expect(201);
      const familyId = await seedFamily(t, { programIds: [programId] });
      const { body } = await t
        .http()
        .get(`/programs/${programId}/planning`)
        .set('Authorization', await parentBearer(t, familyId))
        .expect(200);
      expect(body.week).toEqual([
        {
          weekday: 'MONDAY',
          slots: [{ start: '16:30', end: '17:30', activities: [expect.objectContaining({ activityId: kept })] }],
        },
      ]);
      expect(JSON.stringify(body)).not.toContain(withdrawn);
    });

    it('lists the program with the phase open now and the next one that admits the family', async () => {
      const programId = await createProgram(t, staff);
      const priority = await definePhase(t, staff, programId, PRIORITY_PHASE);
      const open = await definePhase(t, staff, programId, OPEN_PHASE);
      const newFamily = await seedFamily(t, { programIds: [programId], category: 'NEW_FAMILY' });
      const returning = await seedFamily(t, { programIds: [programId], category: 'RETURNING_MEMBER' });

      const before = await t
        .http()
        .get('/programs')
        .set('Authorization', await parentBearer(t, newFamily));
      expect(before.body.programs).toEqual([
        expect.objectContaining({ programId, openPhase: null, nextPhase: expect.objectContaining({ phaseId: open }) }),
      ]);
      const forReturning = await t
        .http()
        .get('/programs')
        .set('Authorization', await parentBearer(t, returning));
      expect(forReturning.body.programs[0].nextPhase.phaseId).toBe(priority);

      t.clock.set(DURING_PRIORITY);
      const during = await t
        .http()
        .get('/programs')
        .set('Authorization', await parentBearer(t, newFamily));
      expect(during.body.programs[0]).toMatchObject({
        openPhase: { phaseId: priority, admittedTiers: [1], status: 'OPEN' },
        nextPhase: { phaseId: open },
      });
    });
  });

  describe('ProgramFacts.visibleTo', () => {
    it('gives staff every program, and a parent the program with its validation', async () => {
      const facts = t.app.get(ProgramFacts);
      const programId = await createProgram(t, staff);
      const other = await createProgram(t, staff, { name: 'Activités Primaires 2025-2026', cycle: 'PRIMAIRE' });
      const validated = await seedFamily(t, { programIds: [programId], category: 'NEW_FAMILY' });
      const notValidated = await seedFamily(t, { programIds: null });

      expect((await facts.visibleTo({ accountId: 's', role: 'staff' }, programId)).validation).toBeNull();
      const access = await facts.visibleTo({ accountId: 'p', role: 'parent', familyId: validated }, programId);
      expect(access.program.programId).toBe(programId);
      expect(access.validation).toMatchObject({ status: 'VALIDATED', tier: 2, category: 'NEW_FAMILY' });
      await expect(
        facts.visibleTo({ accountId: 'p', role: 'parent', familyId: validated }, other),
      ).rejects.toBeInstanceOf(NotFound);
      await expect(
        facts.visibleTo({ accountId: 'p', role: 'parent', familyId: notValidated }, programId),
      ).rejects.toBeInstanceOf(NotAllowed);
    });
  });
});
