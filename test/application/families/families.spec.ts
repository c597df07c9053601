import { randomUUID } from 'node:crypto';
import { ReadModels } from '../../../src/application/projections/read-models';
import { systemContext } from '../../../src/application/shared/command-context';
import { Commands } from '../../../src/application/shared/commands.service';
import { programDecider, programStream } from '../../../src/domain/program/program.decider';
import {
  aChild,
  addChild,
  aRegistration,
  JOURNEY_SCHOOL_YEAR,
  registerFamily,
  signIn,
  staffAuth,
  validateFamily,
} from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';

const address = { line1: '3 place Victor Hugo', postalCode: '75116', city: 'Paris' };
const guardians = [
  { firstName: 'Camille', lastName: 'Martin', phone: '06 12 34 56 78' },
  { firstName: 'Alex', lastName: 'Martin', phone: '+33 6 98 76 54 32' },
];

describe('families', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffAuth(t);
  });
  afterAll(() => t.close());

  /** programs belong to another module: written straight through their decider */
  async function givenProgram(schoolYear = JOURNEY_SCHOOL_YEAR): Promise<string> {
    const programId = randomUUID();
    const firstYear = schoolYear.slice(0, 4);
    await t.app.get(Commands).run(
      programStream(programId),
      programDecider,
      {
        type: 'CreateProgram',
        data: {
          programId,
          name: `Activités Primaires ${schoolYear}`,
          cycle: 'PRIMAIRE',
          schoolYear,
          typicalWeek: { from: `${firstYear}-09-08`, to: `${firstYear}-09-12` },
          createdBy: 'staff-test',
          createdAt: '2025-02-01T09:00:00+01:00',
        },
      },
      systemContext('test', t.clock.now()),
    );
    return programId;
  }

  describe("a returning family's journey", () => {
    it('registers, signs in, adds two children, updates its account, is validated, and sees VALIDATED with its tier', async () => {
      const registered = await registerFamily(t, { schoolYear: '2024-2025' });
      const auth = await signIn(t, registered.email, registered.password);
      const lea = await addChild(t, auth, { firstName: 'Léa', birthDate: '2019-05-04', classLevel: 'GS' });
      const hugo = await addChild(t, auth, { firstName: 'Hugo', birthDate: '2021-09-30', classLevel: 'PS' });

      const updated = await t
        .http()
        .put('/me/account/2025-2026')
        .set('Authorization', auth)
        .send({
          guardians,
          address,
          children: [
            { childId: lea, classLevel: 'CP' },
            { childId: hugo, classLevel: 'MS' },
          ],
        })
        .expect(200);
      expect(updated.body.currentSchoolYear).toBe('2025-2026');

      const programId = await givenProgram('2025-2026');
      const decision = await t
        .http()
        .post(`/families/${registered.familyId}/validations`)
        .set('Authorization', staff)
        .send({ schoolYear: '2025-2026', category: 'RETURNING_MEMBER', programIds: [programId] })
        .expect(201);
      expect(decision.body).toMatchObject({ familyId: registered.familyId, status: 'VALIDATED', tier: 1 });

      const family = await t.http().get('/me/family').set('Authorization', auth).expect(200);
      expect(family.body).toEqual({
        familyId: registered.familyId,
        email: registered.email,
        guardians,
        address,
        currentSchoolYear: '2025-2026',
        registeredAt: '2025-03-01T08:00:00.000Z',
        children: [
          {
            childId: lea,
            firstName: 'Léa',
            lastName: 'Martin',
            birthDate: '2019-05-04',
            classLevel: 'CP',
            classLevels: { '2024-2025': 'GS', '2025-2026': 'CP' },
          },
          {
            childId: hugo,
            firstName: 'Hugo',
            lastName: 'Martin',
            birthDate: '2021-09-30',
            classLevel: 'MS',
            classLevels: { '2024-2025': 'PS', '2025-2026': 'MS' },
          },
        ],
        schoolYears: [
          { schoolYear: '2024-2025', upToDate: true, validation: { status: 'NOT_VALIDATED' } },
          {
            schoolYear: '2025-2026',
            upToDate: true,
            validation: {
              status: 'VALIDATED',
              category: 'RETURNING_MEMBER',
              tier: 1,
              programIds: [programId],
              decidedAt: '2025-03-01T08:00:00.000Z',
            },
          },
        ],
      });
    });
  });

  describe('the families read model', () => {
    it('is rebuilt from the events to the same views', async () => {
      const { familyId, auth } = await registerFamily(t);
      const childId = await addChild(t, auth);
      await t
        .http()
        .patch(`/me/children/${childId}`)
        .set('Authorization', auth)
        .send({ classLevel: 'CE1' })
        .expect(200);
      await t
        .http()
        .post(`/families/${familyId}/rejections`)
        .set('Authorization', staff)
        .send({ schoolYear: JOURNEY_SCHOOL_YEAR, reason: 'Pièces manquantes' })
        .expect(201);
      const before = await t.http().get(`/families/${familyId}`).set('Authorization', staff).expect(200);

      await t.app.get(ReadModels).rebuild();

      const after = await t.http().get(`/families/${familyId}`).set('Authorization', staff).expect(200);
      expect(after.body).toEqual(before.body);
      expect(after.body.children[0].classLevels).toEqual({ [JOURNEY_SCHOOL_YEAR]: 'CE1' });
    });
  });

  describe('given a family not validated yet', () => {
    it('sees NOT_VALIDATED, and staff find it in the list of families to review', async () => {
      const { familyId, auth, email } = await registerFamily(t, { guardians });
      await addChild(t, auth);
      const family = await t.http().get('/me/family').set('Authorization', auth).expect(200);
      expect(family.body.schoolYears).toEqual([
        { schoolYear: JOURNEY_SCHOOL_YEAR, upToDate: true, validation: { status: 'NOT_VALIDATED' } },
      ]);

      const list = await t
        .http()
        .get('/families')
        .query({ schoolYear: JOURNEY_SCHOOL_YEAR, status: 'NOT_VALIDATED', upToDate: 'true', limit: 500 })
        .set('Authorization', staff)
        .expect(200);
      expect(list.body.families).toContainEqual({
        familyId,
        email,
        guardians: guardians.map(({ firstName, lastName }) => ({ firstName, lastName })),
        childrenCount: 1,
        schoolYear: JOURNEY_SCHOOL_YEAR,
        upToDate: true,
        status: 'NOT_VALIDATED',
      });
    });

    it('is not up to date for a year it has not updated its account for, and cannot be validated for it', async () => {
      const { familyId } = await registerFamily(t);
      const programId = await givenProgram('2026-2027');
      const list = await t
        .http()
        .get('/families')
        .query({ schoolYear: '2026-2027', upToDate: 'false', limit: 500 })
        .set('Authorization', staff)
        .expect(200);
      expect(list.body.families.find((f: { familyId: string }) => f.familyId === familyId)).toMatchObject({
        upToDate: false,
        status: 'NOT_VALIDATED',
      });
      const refused = await t
        .http()
        .post(`/families/${familyId}/validations`)
        .set('Authorization', staff)
        .send({ schoolYear: '2026-2027', category: 'RETURNING_MEMBER', programIds: [programId] })
        .expect(400);
      expect(refused.body.error).toBe('ACCOUNT_NOT_UP_TO_DATE');
    });
  });

  describe('staff decisions', () => {
    it('reject an account with a reason the family reads', async () => {
      const { familyId, auth } = await registerFamily(t);
      const rejection = await t
        .http()
        .post(`/families/${familyId}/rejections`)
        .set('Authorization', staff)
        .send({ schoolYear: JOURNEY_SCHOOL_YEAR, reason: 'Pas de justificatif de domicile' })
        .expect(201);
      expect(rejection.body).toMatchObject({ familyId, status: 'REJECTED', reason: 'Pas de justificatif de domicile' });

      const family = await t.http().get('/me/family').set('Authorization', auth).expect(200);
      expect(family.body.schoolYears).toEqual([
        {
          schoolYear: JOURNEY_SCHOOL_YEAR,
          upToDate: true,
          validation: { status: 'REJECTED', reason: 'Pas de justificatif de domicile', decidedAt: expect.any(String) },
        },
      ]);
      const forStaff = await t.http().get(`/families/${familyId}`).set('Authorization', staff).expect(200);
      expect(forStaff.body.schoolYears[0].validation.decidedBy).toEqual(expect.any(String));
      const rejected = await t
        .http()
        .get('/families')
        .query({ schoolYear: JOURNEY_SCHOOL_YEAR, status: 'REJECTED', limit: 500 })
        .set('Authorization', staff)
        .expect(200);
      expect(rejected.body.families.map((f: { familyId: string }) => f.familyId)).toContain(familyId);
    });

    it('validate a new family in tier 2 through the journey helper', async () => {
      const { familyId, auth } = await registerFamily(t);
      const programId = await givenProgram();
      await validateFamily(t, staff, familyId, {
        schoolYear: JOURNEY_SCHOOL_YEAR,
        category: 'NEW_FAMILY',
        programIds: [programId],
      });
      const family = await t.http().get('/me/family').set('Authorization', auth).expect(200);
      expect(family.body.schoolYears[0].validation).toMatchObject({
        status: 'VALIDATED',
        category: 'NEW_FAMILY',
        tier: 2,
      });
    });

    it('refuse to let a family see a program that does not exist (404) or is of another school year (400)', async () => {
      const { familyId } = await registerFamily(t);
      const unknown = await t
        .http()
        .post(`/families/${familyId}/validations`)
        .set('Authorization', staff)
        .send({ schoolYear: JOURNEY_SCHOOL_YEAR, category: 'NEW_FAMILY', programIds: [randomUUID()] })
        .expect(404);
      expect(unknown.body.error).toBe('PROGRAM_NOT_FOUND');
      const otherYear = await t
        .http()
        .post(`/families/${familyId}/validations`)
        .set('Authorization', staff)
        .send({
          schoolYear: JOURNEY_SCHOOL_YEAR,
          category: 'NEW_FAMILY',
          programIds: [await givenProgram('2024-2025')],
        })
        .expect(400);
      expect(otherYear.body.error).toBe('PROGRAM_OF_ANOTHER_SCHOOL_YEAR');
    });

    it('answer 404 for a family that does not exist', async () => {
      await t.http().get(`/families/${randomUUID()}`).set('Authorization', staff).expect(404);
      await t
        .http()
        .post(`/families/${randomUUID()}/rejections`)
        .set('Authorization', staff)
        .send({ schoolYear: JOURNEY_SCHOOL_YEAR, reason: 'Inconnue' })
        .expect(404);
    });
  });

  describe('a parent and another family', () => {
    it("cannot change another family's child: 404, and the child is unchanged", async () => {
      const other = await registerFamily(t);
      const theirChild = await addChild(t, other.auth, { firstName: 'Zoé' });
      const me = await registerFamily(t);

      await t
        .http()
        .patch(`/me/children/${theirChild}`)
        .set('Authorization', me.auth)
        .send({ firstName: 'Piratée' })
        .expect(404);

      const theirs = await t.http().get('/me/family').set('Authorization', other.auth).expect(200);
      expect(theirs.body.children).toEqual([expect.objectContaining({ childId: theirChild, firstName: 'Zoé' })]);
      const mine = await t.http().get('/me/family').set('Authorization', me.auth).expect(200);
      expect(mine.body.familyId).toBe(me.familyId);
      expect(mine.body.children).toEqual([]);
    });

    it("cannot confirm another family's child in its account update (404)", async () => {
      const other = await registerFamily(t);
      const theirChild = await addChild(t, other.auth);
      const me = await registerFamily(t);
      await t
        .http()
        .put(`/me/account/${JOURNEY_SCHOOL_YEAR}`)
        .set('Authorization', me.auth)
        .send({ guardians, address, children: [{ childId: theirChild, classLevel: 'CE1' }] })
        .expect(404);
    });

    it('cannot read another family through the staff route (403)', async () => {
      const other = await registerFamily(t);
      const me = await registerFamily(t);
      await t.http().get(`/families/${other.familyId}`).set('Authorization', me.auth).expect(403);
    });

    it("corrects its own child's details", async () => {
      const { auth } = await registerFamily(t);
      const childId = await addChild(t, auth, { firstName: 'Lea' });
      const response = await t
        .http()
        .patch(`/me/children/${childId}`)
        .set('Authorization', auth)
        .send({ firstName: 'Léa', classLevel: 'CE1' })
        .expect(200);
      expect(response.body).toMatchObject({ childId, firstName: 'Léa', classLevel: 'CE1' });
    });
  });

  describe('staff routes', () => {
    it('refuse parents with 403', async () => {
      const { familyId, auth } = await registerFamily(t);
      await t.http().get('/families').set('Authorization', auth).expect(403);
      await t
        .http()
        .post(`/families/${familyId}/validations`)
        .set('Authorization', auth)
        .send({ schoolYear: JOURNEY_SCHOOL_YEAR, category: 'RETURNING_MEMBER', programIds: ['p'] })
        .expect(403);
      await t
        .http()
        .post(`/families/${familyId}/rejections`)
        .set('Authorization', auth)
        .send({ schoolYear: JOURNEY_SCHOOL_YEAR, reason: 'x' })
        .expect(403);
    });

    it('refuse anonymous callers with 401', async () => {
      await t.http().get('/families').expect(401);
      await t.http().get(`/families/${randomUUID()}`).expect(401);
      await t.http().get('/me/family').expect(401);
    });

    it("are not a parent's routes: staff have no family of their own (403)", async () => {
      await t.http().get('/me/family').set('Authorization', staff).expect(403);
    });
  });

  describe('bad input', () => {
    const expect400 = async (request: Promise<{ status: number; body: { message: string } }>, pattern: RegExp) => {
      const response = await request;
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(pattern);
    };

    it('refuses a registration without guardians, naming the field', async () => {
      const { guardians: _guardians, ...withoutGuardians } = aRegistration();
      await expect400(
        t.http().post('/auth/register').send(withoutGuardians),
        /guardians must contain at least 1 elements/,
      );
    });

    it('refuses three guardians, a short password, a bad school year and a bad e-mail', async () => {
      const three = [...guardians, guardians[0]];
      await expect400(
        t
          .http()
          .post('/auth/register')
          .send(aRegistration({ guardians: three })),
        /guardians must contain no more than 2/,
      );
      await expect400(
        t
          .http()
          .post('/auth/register')
          .send(aRegistration({ password: 'court' })),
        /password must be at least 10 characters/,
      );
      await expect400(
        t
          .http()
          .post('/auth/register')
          .send(aRegistration({ schoolYear: '2025' })),
        /schoolYear must be a school year/,
      );
      await expect400(
        t
          .http()
          .post('/auth/register')
          .send(aRegistration({ email: 'camille' })),
        /email must be an e-mail address/,
      );
    });

    it('refuses unknown fields, at the top and nested', async () => {
      await expect400(
        t
          .http()
          .post('/auth/register')
          .send({ ...aRegistration(), nickname: 'cam' }),
        /property nickname should not exist/,
      );
      const nested = aRegistration({ guardians: [{ ...guardians[0], age: 40 } as (typeof guardians)[0]] });
      await expect400(t.http().post('/auth/register').send(nested), /guardians\.0\.age/);
    });

    it('refuses a child with a bad class level or birth date', async () => {
      const { auth } = await registerFamily(t);
      await expect400(
        t
          .http()
          .post('/me/children')
          .set('Authorization', auth)
          .send({ ...aChild(), classLevel: 'CP2' }),
        /classLevel must be one of the class levels PS, MS, GS, CP, CE1, CE2, CM1, CM2/,
      );
      await expect400(
        t
          .http()
          .post('/me/children')
          .set('Authorization', auth)
          .send({ ...aChild(), birthDate: '04/05/2019' }),
        /birthDate must be a date written YYYY-MM-DD/,
      );
      await expect400(
        t
          .http()
          .post('/me/children')
          .set('Authorization', auth)
          .send({ ...aChild(), birthDate: '2030-01-01' }),
        /in the future/,
      );
    });

    it('refuses an account update for a path that is not a school year, and one missing a child', async () => {
      const { auth } = await registerFamily(t);
      await addChild(t, auth, { firstName: 'Léa' });
      await expect400(
        t.http().put('/me/account/next-year').set('Authorization', auth).send({ guardians, address, children: [] }),
        /schoolYear must be a school year/,
      );
      await expect400(
        t
          .http()
          .put(`/me/account/${JOURNEY_SCHOOL_YEAR}`)
          .set('Authorization', auth)
          .send({ guardians, address, children: [] }),
        /Confirm the class of every child .* missing Léa/,
      );
    });

    it('refuses a validation with an unknown category, and a list filtered by an unknown status', async () => {
      const { familyId } = await registerFamily(t);
      await expect400(
        t
          .http()
          .post(`/families/${familyId}/validations`)
          .set('Authorization', staff)
          .send({ schoolYear: JOURNEY_SCHOOL_YEAR, category: 'VIP', programIds: ['p'] }),
        /category must be one of RETURNING_MEMBER, NEW_PS_FAMILY, NEW_FAMILY/,
      );
      await expect400(
        t.http().get('/families').query({ status: 'MAYBE' }).set('Authorization', staff),
        /status must be one of NOT_VALIDATED, VALIDATED, REJECTED/,
      );
    });
  });
});
