import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createStaffAccount,
  registerAccount,
  storeRunner,
} from '../../../src/application/accounts/account-registration';
import { emailKey } from '../../../src/application/accounts/email-key';
import { systemContext } from '../../../src/application/shared/command-context';
import { Commands } from '../../../src/application/shared/commands.service';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { ReadDatabase } from '../../../src/projections/read-database';
import { aNewEmail, aRegistration, registerFamily, signIn, staffAuth } from '../../support/journey';
import { startTestApp, TEST_STAFF, TestApp } from '../../support/test-app';

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  describe('registration (POST /auth/register)', () => {
    it('registers the family and its account, and signs the parent in', async () => {
      const registration = aRegistration();
      const response = await t.http().post('/auth/register').send(registration).expect(201);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', role: 'parent', familyId: expect.any(String) });
      const family = await t
        .http()
        .get('/me/family')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(family.body).toMatchObject({
        familyId: response.body.familyId,
        email: registration.email,
        guardians: registration.guardians,
        address: registration.address,
        currentSchoolYear: registration.schoolYear,
        children: [],
        schoolYears: [{ schoolYear: registration.schoolYear, upToDate: true, validation: { status: 'NOT_VALIDATED' } }],
      });
    });

    it('refuses a second account for the same e-mail, whatever its case and spaces, with 409', async () => {
      const { email } = await registerFamily(t);
      const again = await t
        .http()
        .post('/auth/register')
        .send(aRegistration({ email: `  ${email.toUpperCase()} ` }))
        .expect(409);
      expect(again.body).toMatchObject({
        error: 'EMAIL_ALREADY_REGISTERED',
        message: expect.stringMatching(/already exists/),
      });
    });

    it('writes nothing when the domain refuses the family, so the same e-mail can register once corrected', async () => {
      const email = aNewEmail();
      const refused = await t
        .http()
        .post('/auth/register')
        .send(aRegistration({ email, guardians: [{ firstName: 'Camille', lastName: 'Martin', phone: 'call me' }] }))
        .expect(400);
      expect(refused.body.error).toBe('PHONE_INVALID');
      await t.http().post('/auth/register').send(aRegistration({ email })).expect(201);
    });

    describe('given a registration that stopped after the account was written', () => {
      async function givenAccountWithoutFamily(email: string, password: string) {
        const familyId = randomUUID();
        await registerAccount(
          t.app.get(Commands),
          { accountId: randomUUID(), email, password, role: 'parent', familyId },
          systemContext('test', t.clock.now()),
        );
        return familyId;
      }

      it('completes the family when the parent registers again with the same e-mail and password', async () => {
        const registration = aRegistration();
        const familyId = await givenAccountWithoutFamily(registration.email, registration.password);
        const half = await signIn(t, registration.email, registration.password);
        const missing = await t.http().get('/me/family').set('Authorization', half).expect(404);
        expect(missing.body.message).toMatch(/register again with the same e-mail and password/);

        const retried = await t.http().post('/auth/register').send(registration).expect(201);

        expect(retried.body.familyId).toBe(familyId);
        const family = await t
          .http()
          .get('/me/family')
          .set('Authorization', `Bearer ${retried.body.accessToken}`)
          .expect(200);
        expect(family.body).toMatchObject({ familyId, email: registration.email, guardians: registration.guardians });
        await t.http().post('/auth/register').send(registration).expect(409);
      });

      it('refuses to complete it with another password, and writes nothing', async () => {
        const registration = aRegistration();
        await givenAccountWithoutFamily(registration.email, registration.password);
        const refused = await t
          .http()
          .post('/auth/register')
          .send({ ...registration, password: 'un autre mot de passe' })
          .expect(409);
        expect(refused.body.error).toBe('EMAIL_ALREADY_REGISTERED');
        const auth = await signIn(t, registration.email, registration.password);
        await t.http().get('/me/family').set('Authorization', auth).expect(404);
      });
    });
  });

  describe('sign-in (POST /auth/sign-in)', () => {
    it('signs a parent in with the e-mail in any case, and the token reaches the family', async () => {
      const { email, password, familyId } = await registerFamily(t);
      const response = await t.http().post('/auth/sign-in').send({ email: email.toUpperCase(), password }).expect(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', role: 'parent', familyId, expiresIn: 7200 });
      const family = await t
        .http()
        .get('/me/family')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(family.body.familyId).toBe(familyId);
    });

    it('answers a wrong password and an unknown e-mail with the same 401', async () => {
      const { email } = await registerFamily(t);
      const wrongPassword = await t
        .http()
        .post('/auth/sign-in')
        .send({ email, password: 'pas le bon mot de passe' })
        .expect(401);
      const unknownEmail = await t
        .http()
        .post('/auth/sign-in')
        .send({ email: aNewEmail(), password: 'pas le bon mot de passe' })
        .expect(401);
      expect(wrongPassword.body).toEqual(unknownEmail.body);
      expect(wrongPassword.body.message).toBe('E-mail or password is incorrect.');
    });

    it('reads the account stream when the read model does not have the account yet', async () => {
      const { email, password, familyId } = await registerFamily(t);
      t.app.get(ReadDatabase).db.prepare('DELETE FROM accounts WHERE email_key = ?').run(emailKey(email));
      const response = await t.http().post('/auth/sign-in').send({ email, password }).expect(200);
      expect(response.body.familyId).toBe(familyId);
    });

    it('refuses a body without a password with 400, naming the field', async () => {
      const response = await t.http().post('/auth/sign-in').send({ email: aNewEmail() }).expect(400);
      expect(response.body.message).toMatch(/password/);
    });

    it('never returns a password hash', async () => {
      const { email, password, familyId } = await registerFamily(t);
      const responses = [
        await t.http().post('/auth/sign-in').send({ email, password }),
        await t
          .http()
          .get('/me/family')
          .set('Authorization', await signIn(t, email, password)),
        await t
          .http()
          .get(`/families/${familyId}`)
          .set('Authorization', await staffAuth(t)),
      ];
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|password_hash|\$argon2/);
      }
    });
  });

  describe('the first staff account', () => {
    it('is created at start-up from STAFF_EMAIL and STAFF_PASSWORD, and signs in as staff', async () => {
      const response = await t
        .http()
        .post('/auth/sign-in')
        .send({ email: TEST_STAFF.email, password: TEST_STAFF.password })
        .expect(200);
      expect(response.body.role).toBe('staff');
      expect(response.body.familyId).toBeUndefined();
      await t.http().get('/families').set('Authorization', `Bearer ${response.body.accessToken}`).expect(200);
    });

    it('is left as it is when the service starts again with another STAFF_PASSWORD', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ateliers-staff-'));
      const email = `equipe-${randomUUID()}@ateliers.test`;
      try {
        const first = await startTestApp({
          dataDir,
          config: { STAFF_EMAIL: email, STAFF_PASSWORD: 'le premier mot de passe' },
        });
        await first.close();
        const second = await startTestApp({
          dataDir,
          config: { STAFF_EMAIL: email, STAFF_PASSWORD: 'un second mot de passe' },
        });
        try {
          await second.http().post('/auth/sign-in').send({ email, password: 'le premier mot de passe' }).expect(200);
          await second.http().post('/auth/sign-in').send({ email, password: 'un second mot de passe' }).expect(401);
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('is created by the same code path as `npm run staff:create`, once', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ateliers-staff-script-'));
      const store = new SqliteEventStore(join(dir, 'events.sqlite'));
      try {
        const credentials = { email: 'anne@ateliers.test', password: 'un mot de passe du personnel' };
        const context = systemContext('create-staff', new Date('2025-03-01T08:00:00Z'));
        const first = await createStaffAccount(
          storeRunner(store),
          { accountId: randomUUID(), ...credentials },
          context,
        );
        const again = await createStaffAccount(
          storeRunner(store),
          { accountId: randomUUID(), ...credentials },
          context,
        );
        expect(first.created).toBe(true);
        expect(again).toEqual({ created: false });
        expect(await store.readAll()).toHaveLength(1);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('sign-in throttling', () => {
  const LIMIT = 3;
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ config: { SIGN_IN_LIMIT_PER_MINUTE: LIMIT } });
    // clients behind a trusted proxy on the loopback, so that a test can come from several addresses
    (t.app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set(
      'trust proxy',
      'loopback',
    );
  });
  afterEach(() => t.close());

  const attempt = (email: string, password: string, from: string) =>
    t.http().post('/auth/sign-in').set('X-Forwarded-For', from).send({ email, password });

  it('refuses the attempts on one account beyond the limit with 429, from whatever address', async () => {
    const { email, password } = await registerFamily(t);
    for (let i = 1; i <= LIMIT; i++) await attempt(email, 'pas le bon mot de passe', `203.0.113.${i}`).expect(401);
    const refused = await attempt(email, password, '203.0.113.99').expect(429);
    expect(refused.body).toMatchObject({
      error: 'TOO_MANY_SIGN_IN_ATTEMPTS',
      message: expect.stringMatching(/^Too many sign-in attempts .* wait \d+ seconds/),
    });
  });

  it('refuses the attempts from one address beyond the limit with 429, whatever the account', async () => {
    const { email, password } = await registerFamily(t);
    for (let i = 1; i <= LIMIT; i++) await attempt(aNewEmail(), 'pas le bon mot de passe', '198.51.100.7').expect(401);
    await attempt(email, password, '198.51.100.7').expect(429);
    await attempt(email, password, '198.51.100.8').expect(200);
  });
});
