import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { EventStore } from '../../../src/event-store/event-store.port';
import { DURING_PRIORITY, Family, ordered, primairesProgram, validatedFamily } from '../../support/booking.seeding';
import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * Who may call each route. Every route the service serves must be in this table (the first test
 * fails otherwise), so that a new route is classified before it ships.
 *  public: anyone; signed-in: parents and staff; parent: parents only, acting on their own family;
 *  staff: the association's staff only.
 */
type Access = 'public' | 'signed-in' | 'parent' | 'staff';
const ROUTES: Record<string, Access> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /metrics': 'public',
  'POST /auth/register': 'public',
  'POST /auth/sign-in': 'public',
  'GET /me/family': 'parent',
  'POST /me/children': 'parent',
  'PATCH /me/children/{childId}': 'parent',
  'PUT /me/account/{schoolYear}': 'parent',
  'GET /me/children/{childId}/basket': 'parent',
  'POST /me/children/{childId}/basket/lines': 'parent',
  'DELETE /me/children/{childId}/basket/lines/{activityId}': 'parent',
  'POST /me/children/{childId}/orders': 'parent',
  'GET /me/orders': 'parent',
  'GET /me/orders/{orderId}': 'parent',
  'GET /programs': 'signed-in',
  'GET /programs/{programId}/planning': 'signed-in',
  'GET /programs/{programId}/phases': 'signed-in',
  'GET /families': 'staff',
  'GET /families/{familyId}': 'staff',
  'POST /families/{familyId}/validations': 'staff',
  'POST /families/{familyId}/rejections': 'staff',
  'POST /programs': 'staff',
  'POST /programs/{programId}/activities': 'staff',
  'PATCH /programs/{programId}/activities/{activityId}': 'staff',
  'POST /programs/{programId}/activities/{activityId}/withdrawal': 'staff',
  'POST /programs/{programId}/phases': 'staff',
  'POST /programs/{programId}/phases/{phaseId}/close': 'staff',
  'GET /reservations': 'staff',
  'POST /reservations/{reservationId}/cancellation': 'staff',
  'GET /reports/programs/{programId}/fill-rates': 'staff',
  'GET /reports/programs/{programId}/activities/{activityId}/roster': 'staff',
  'GET /reports/amounts-due': 'staff',
  'POST /programs/{programId}/allocations': 'staff',
  'GET /programs/{programId}/allocations': 'staff',
  'GET /allocations/{runId}': 'staff',
  'GET /allocations/{runId}/children': 'staff',
  'GET /allocations/{runId}/application': 'staff',
  'POST /allocations/{runId}/approval': 'staff',
  'POST /allocations/{runId}/discard': 'staff',
  'POST /allocations/{runId}/verification': 'staff',
  'GET /reservations/{reservationId}/trail': 'staff',
  'GET /me/reservations/{reservationId}/allocation': 'parent',
  'GET /programs/{programId}/rounds/{roundId}/seed': 'signed-in',
};

/** Family A's own resources, that family B must neither see nor change (its answer: 404). */
const OWN_RESOURCES = (a: { childId: string; orderId: string; activityId: string }) =>
  [
    ['PATCH', `/me/children/${a.childId}`, { firstName: 'Intrus' }],
    ['GET', `/me/children/${a.childId}/basket`],
    ['POST', `/me/children/${a.childId}/basket/lines`, { programId: randomUUID(), activityId: a.activityId }],
    ['DELETE', `/me/children/${a.childId}/basket/lines/${a.activityId}`],
    [
      'POST',
      `/me/children/${a.childId}/orders`,
      { billing: { name: 'X', address: { line1: 'x', postalCode: '1', city: 'x' } } },
    ],
    ['GET', `/me/orders/${a.orderId}`],
    ['GET', `/me/reservations/${a.orderId}:${a.activityId}/allocation`],
  ] as const;

const fill = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());

describe('access to every route', () => {
  let t: TestApp;
  let staff: string;
  let parent: string;
  let routes: string[];
  let a: Family;
  let b: Family;
  let own: { childId: string; orderId: string; activityId: string };

  beforeAll(async () => {
    t = await startTestApp();
    const program = await primairesProgram(t);
    staff = await staffAuth(t);
    a = await validatedFamily(t, { programIds: [program.programId] });
    b = await validatedFamily(t, { programIds: [program.programId] });
    parent = b.auth;
    t.clock.set(DURING_PRIORITY);
    const childId = a.children['Léa'];
    const activityId = Object.values(program.activities)[0];
    const { orderId } = await ordered(t, a, childId, program.programId, [activityId]);
    own = { childId, orderId, activityId };
    const doc = (await t.http().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  }, 60_000);
  afterAll(() => t.close());

  it('classifies every route the service serves, and only those', () => {
    expect([...routes].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  const call = (route: string, auth?: string) => {
    const [method, path] = route.split(' ');
    const request = t.http()[method.toLowerCase() as 'get'](fill(path));
    return (auth ? request.set('Authorization', auth) : request).send({});
  };

  it.each(Object.entries(ROUTES).filter(([, access]) => access !== 'public'))(
    '%s refuses anonymous callers with 401',
    async (route) => {
      const response = await call(route);
      expect(response.status).toBe(401);
      expect(response.body.message).toMatch(/sign in/i);
    },
  );

  it.each(Object.entries(ROUTES).filter(([, access]) => access === 'staff'))(
    '%s refuses parents with 403',
    async (route) => {
      const response = await call(route, parent);
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(/staff only/);
    },
  );

  it.each(Object.entries(ROUTES).filter(([, access]) => access === 'parent'))(
    '%s refuses staff with 403',
    async (route) => {
      expect((await call(route, staff)).status).toBe(403);
    },
  );

  it.each(Object.entries(ROUTES).filter(([, access]) => access !== 'public'))(
    '%s lets its own callers through the gate (whatever the answer to made-up ids)',
    async (route, access) => {
      const auth = access === 'staff' ? staff : parent;
      expect([401, 403]).not.toContain((await call(route, auth)).status);
    },
  );

  it("never lets a parent see or change another family's child, basket or order", async () => {
    const store = t.app.get(EventStore);
    for (const [method, path, body] of OWN_RESOURCES(own)) {
      const head = await store.headPosition();
      const request = t
        .http()
        [method.toLowerCase() as 'get'](path)
        .set('Authorization', b.auth)
        .set('Idempotency-Key', randomUUID());
      const response = await request.send(body ?? {});
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      expect(JSON.stringify(response.body)).not.toContain('Léa');
      expect(await store.headPosition()).toBe(head);
    }
    const orders = await t.http().get('/me/orders').set('Authorization', b.auth).expect(200);
    expect(orders.body.orders).toEqual([]);
  });

  it('refuses an expired token, and a token signed with another secret', async () => {
    const jwt = t.app.get(JwtService);
    const expired = await jwt.signAsync(
      { sub: randomUUID(), role: 'parent', familyId: a.familyId },
      { expiresIn: -10 },
    );
    const expiredResponse = await t.http().get('/me/family').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(expiredResponse.body.message).toMatch(/expired/);
    const forged = await new JwtService({ secret: 'another-secret-another-secret-0123456789' }).signAsync({
      sub: randomUUID(),
      role: 'staff',
    });
    await t.http().get('/families').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('refuses a token once it expires, though it was accepted before', async () => {
    const jwt = t.app.get(JwtService);
    const token = await jwt.signAsync({ sub: randomUUID(), role: 'parent', familyId: a.familyId }, { expiresIn: 1 });
    await t.http().get('/me/family').set('Authorization', `Bearer ${token}`).expect(200);
    // `exp` is in whole seconds: the token is expired at most two seconds later
    await new Promise((r) => setTimeout(r, 2100));
    const response = await t.http().get('/me/family').set('Authorization', `Bearer ${token}`).expect(401);
    expect(response.body.message).toMatch(/expired/);
  });
});
