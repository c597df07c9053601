import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { EventStore } from '../../../src/event-store/event-store.port';
import { DURING_PRIORITY, ordered, primairesProgram, validatedFamily } from '../../support/booking.seeding';
import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * Thousands of malformed, oversized, wrongly typed and unexpected payloads, path parameters,
 * query strings and headers sent to every route, as anonymous, parent and staff callers. Every
 * answer is a 4xx with a message (or a 2xx when the input happens to be valid), never a 5xx,
 * never a hang, and a refused request leaves the event store as it was.
 */
const RUNS = 2500;

const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    '%00',
    "'; DROP TABLE events; --",
    '<script>',
    '{}',
    'null',
    '-1',
    '1e309',
    'NaN',
  ),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.uuid(),
);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }),
  weirdString,
  fc.constantFrom(
    null,
    true,
    -1,
    0,
    1.5,
    2 ** 53,
    -(2 ** 60),
    [],
    {},
    { __proto__: { admin: true } },
    { constructor: { prototype: {} } },
  ),
);
const weirdBody = fc.oneof(
  fc.dictionary(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'billing',
        'programId',
        'activityId',
        'email',
        'password',
        'slot',
        'seed',
        'reason',
        'schoolYear',
      ),
    ),
    weirdValue,
    { maxKeys: 6 },
  ),
  weirdValue,
);

describe('hostile input on every route', () => {
  let t: TestApp;
  let routes: Array<{ method: string; path: string }>;
  let callers: Array<string | undefined>;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp({ config: { BODY_LIMIT: '64kb' } });
    const program = await primairesProgram(t);
    const family = await validatedFamily(t, { programIds: [program.programId] });
    t.clock.set(DURING_PRIORITY);
    const childId = family.children['Léa'];
    const activityId = Object.values(program.activities)[0];
    const { orderId, reservationIds } = await ordered(t, family, childId, program.programId, [activityId]);
    callers = [undefined, family.auth, await staffAuth(t)];
    ids = [
      program.programId,
      activityId,
      childId,
      orderId,
      reservationIds[0],
      family.familyId,
      program.phases.open,
      '2025-2026',
    ];
    const doc = (await t.http().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path })));
  }, 60_000);
  afterAll(() => t.close());

  it('answers every request below 500, with a message, quickly, and writes nothing when it refuses', async () => {
    const store = t.app.get(EventStore);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.nat(),
        fc.array(fc.oneof(weirdString, fc.constantFrom(...ids)), { minLength: 3, maxLength: 3 }),
        weirdBody,
        fc.dictionary(
          fc.constantFrom('status', 'limit', 'after', 'schoolYear', 'programId', 'asOf', 'format', 'x'),
          weirdString,
          { maxKeys: 3 },
        ),
        fc.record({
          contentType: fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
            'multipart/form-data',
          ),
          idempotencyKey: fc.option(weirdString),
          raw: fc.boolean(),
        }),
        async (r, c, params, body, query, headers) => {
          const route = routes[r % routes.length];
          const auth = callers[c % callers.length];
          let i = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[i++] ?? 'x'));
          const head = await store.headPosition();
          let request = t
            .http()
            [route.method as 'post'](path)
            .query(query)
            .timeout(5000)
            .set('Content-Type', headers.contentType);
          if (auth) request = request.set('Authorization', auth);
          if (headers.idempotencyKey !== null)
            request = request.set('Idempotency-Key', headers.idempotencyKey.replace(/[^\t\x20-\x7e]/g, ''));
          const text = String(JSON.stringify(body) ?? 'undefined');
          const asObject =
            !headers.raw && headers.contentType === 'application/json' && typeof body === 'object' && body !== null;
          const response = await request.send(asObject ? (body as object) : headers.raw ? text.slice(0, 9) : text);
          const what = `${route.method.toUpperCase()} ${path.slice(0, 120)} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
          if (response.status >= 500) throw new Error(what);
          if (response.status >= 400) {
            if (typeof response.body.message !== 'string') throw new Error(`no message: ${what}`);
            expect(await store.headPosition()).toBe(head);
          }
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.HOSTILE_SEED ?? 20251124), endOnFailure: true },
    );
  }, 300_000);

  it('refuses an oversized body with 413', async () => {
    const response = await t
      .http()
      .post('/auth/register')
      .send({ email: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/too large/);
  });

  it('refuses JSON nested deep enough to blow a recursive parser, without falling over', async () => {
    const deep = '['.repeat(30000) + ']'.repeat(30000);
    const response = await t.http().post('/auth/sign-in').set('Content-Type', 'application/json').send(deep);
    expect(response.status).toBe(400);
    const object = '{"a":'.repeat(10000) + '1' + '}'.repeat(10000);
    const nested = await t.http().post('/auth/register').set('Content-Type', 'application/json').send(object);
    expect(nested.status).toBe(400);
    await t.http().get('/health').expect(200);
  });

  it('refuses malformed JSON with 400 and says so', async () => {
    const response = await t.http().post('/auth/sign-in').set('Content-Type', 'application/json').send('{"email": ');
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not valid JSON/);
  });

  it('refuses unknown fields, naming them', async () => {
    const response = await t.http().post('/auth/sign-in').send({ email: 'a@b.c', password: 'x', admin: true });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('admin');
    void randomUUID;
  });
});
