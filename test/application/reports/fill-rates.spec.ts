import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, parentBearer, staffBearer } from '../../support/tokens';
import { CHESS, reportsScenario, Scenario } from './reports.scenario';

const none = { WRONG_CLASS: 0, DUPLICATE: 0, FAMILY_REQUEST: 0, OTHER: 0, CAPACITY: 0, INELIGIBLE: 0 };

describe('GET /reports/programs/:programId/fill-rates', () => {
  let t: TestApp;
  let s: Scenario;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    s = await reportsScenario(t);
    staff = await staffBearer(t);
  });
  afterAll(() => t.close());

  const fillRates = (query = '', auth = staff) =>
    t.http().get(`/reports/programs/${s.programId}/fill-rates${query}`).set('Authorization', auth);

  it('gives each activity its capacity, decisions, cancellations by reason, seats left and demand, by tier', async () => {
    const { body } = await fillRates().expect(200);
    expect(body.program).toEqual({
      programId: s.programId,
      name: 'Activités Primaires 2025-2026',
      cycle: 'PRIMAIRE',
      schoolYear: '2025-2026',
    });
    const [chess, pottery] = body.activities;
    expect(chess).toEqual({
      activityId: s.chess,
      name: CHESS,
      weekday: 'MONDAY',
      start: '16:30',
      end: '17:30',
      status: 'SCHEDULED',
      capacity: 2,
      pending: 0,
      reserved: 2,
      cancelled: { ...none, total: 3, CAPACITY: 2, WRONG_CLASS: 1 },
      requests: 4,
      seatsLeft: 0,
      fillRate: 1,
      demandRatio: 2,
      byTier: {
        '1': { pending: 0, reserved: 2, cancelled: { ...none, total: 1, WRONG_CLASS: 1 }, requests: 2 },
        '2': { pending: 0, reserved: 0, cancelled: { ...none, total: 2, CAPACITY: 2 }, requests: 2 },
        unknown: { pending: 0, reserved: 0, cancelled: { ...none, total: 0 }, requests: 0 },
      },
    });
    expect(pottery).toMatchObject({
      name: 'Poterie',
      capacity: 3,
      reserved: 3,
      cancelled: { ...none, total: 1, INELIGIBLE: 1 },
      requests: 3,
      seatsLeft: 0,
      demandRatio: 1,
      byTier: { '1': { reserved: 2 }, '2': { reserved: 1, cancelled: { total: 1, INELIGIBLE: 1 } } },
    });
    expect(body.totals).toMatchObject({
      capacity: 5,
      pending: 0,
      reserved: 5,
      requests: 7,
      seatsLeft: 0,
      demandRatio: 1.4,
    });
    expect(body.phases[1]).toMatchObject({ name: 'Ouverture à tous', closedAtPosition: s.closedAt });
    expect(body.asOfPosition).toBeGreaterThan(s.closedAt);
  });

  describe('as of an earlier point', () => {
    const whenClosed = {
      chess: {
        pending: 4,
        reserved: 0,
        requests: 4,
        demandRatio: 2,
        seatsLeft: 2,
        cancelled: { ...none, total: 1, WRONG_CLASS: 1 },
      },
      pottery: { pending: 4, reserved: 0, requests: 4, demandRatio: 1.333, seatsLeft: 3 },
    };

    it('shows every request still pending when the phase closed, before the allocation', async () => {
      const response = await fillRates(`?asOfPosition=${s.closedAt}`).expect(200);
      expect(response.headers['x-as-of-position']).toBe(String(s.closedAt));
      expect(response.body.asOfPosition).toBe(s.closedAt);
      expect(response.body.activities).toEqual([
        expect.objectContaining(whenClosed.chess),
        expect.objectContaining(whenClosed.pottery),
      ]);
      expect(response.body.activities[0].byTier['2']).toMatchObject({ pending: 2, requests: 2 });
    });

    it('maps an instant to the last event recorded at or before it', async () => {
      const { body } = await fillRates('?asOf=2025-06-21T11:59:59%2B02:00').expect(200);
      expect(body.asOfPosition).toBe(s.closedAt);
      expect(body.activities[1]).toMatchObject(whenClosed.pottery);
    });

    it('answers 404 for a program that did not exist yet, and the live figures for a position beyond the last', async () => {
      await fillRates('?asOfPosition=0').expect(404);
      const beyond = await fillRates('?asOfPosition=999999999').expect(200);
      const now = await fillRates().expect(200);
      expect(beyond.body).toEqual(now.body);
    });
  });

  it('refuses a malformed point in time, or two of them, saying why', async () => {
    expect((await fillRates('?asOfPosition=-1').expect(400)).body.message).toBe(
      'asOfPosition must be a global position: a whole number, 0 or more',
    );
    expect((await fillRates('?asOf=yesterday').expect(400)).body.message).toBe(
      'asOf must be an instant written like 2025-05-27T00:00:00Z',
    );
    expect((await fillRates('?asOf=2025-06-01T00:00:00Z&asOfPosition=3').expect(400)).body.message).toBe(
      'Give either asOfPosition or asOf, not both.',
    );
    expect((await fillRates('?format=xlsx').expect(400)).body.message).toMatch(/^format must be one of/);
    expect((await fillRates('?limit=3').expect(400)).body.message).toBe('limit: property limit should not exist');
  });

  it('answers 404 for an unknown program', async () => {
    const response = await t
      .http()
      .get('/reports/programs/no-such-program/fill-rates')
      .set('Authorization', staff)
      .expect(404);
    expect(response.body.error).toBe('PROGRAM_NOT_FOUND');
  });

  it('is for staff: parents are refused, anonymous callers asked to sign in', async () => {
    await fillRates('', await parentBearer(t, s.families.zoe.familyId)).expect(403);
    await fillRates('', await bearer(t, { role: 'parent' })).expect(403);
    await t.http().get(`/reports/programs/${s.programId}/fill-rates`).expect(401);
  });
});
