import { bookingStream } from '../../../src/domain/order/booking.decider';
import { EventStore } from '../../../src/event-store/event-store.port';
import {
  addLine,
  aKey,
  BEFORE_PHASES,
  BETWEEN_PHASES,
  BILLING,
  DURING_OPEN,
  DURING_PRIORITY,
  Family,
  ordered,
  placeOrder,
  primairesProgram,
  Program,
  validatedFamily,
} from '../../support/booking.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { staffBearer } from '../../support/tokens';

describe('PlaceOrder', () => {
  let t: TestApp;
  let program: Program;
  beforeAll(async () => {
    t = await startTestApp();
    program = await primairesProgram(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(DURING_PRIORITY));

  const aFamily = (category: 'RETURNING_MEMBER' | 'NEW_FAMILY' = 'RETURNING_MEMBER') =>
    validatedFamily(t, { programIds: [program.programId], category });
  const add = (family: Family, activity: keyof Program['activities'], child = 'Léa') =>
    addLine(t, family.auth, family.children[child], program.programId, program.activities[activity]).expect(201);
  const order = (family: Family, key: string | null = aKey(), body?: object, child = 'Léa') =>
    placeOrder(t, family.auth, family.children[child], key, body);
  const bookingEvents = async (family: Family, child = 'Léa') =>
    (await t.app.get(EventStore).readStream(bookingStream(family.children[child]))).map((e) => e.type);

  it('turns the basket into an order whose reservations are all PENDING, and empties the basket', async () => {
    const family = await aFamily();
    await add(family, 'judo');
    await add(family, 'english');
    const response = await order(family).expect(201);
    const { orderId } = response.body;
    expect(orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(response.headers.location).toBe(`/me/orders/${orderId}`);
    expect(response.body).toMatchObject({
      programId: program.programId,
      phaseId: program.phases.priority,
      child: { childId: family.children['Léa'], firstName: 'Léa' },
      moduleCount: 2,
      modules: '2m',
      totalCents: 22_500,
      total: '225,00 €',
      billing: { ...BILLING, address: { ...BILLING.address, line2: null } },
    });
    expect(
      response.body.reservations.map((r: { name: string; status: string; statusLabel: string }) => [
        r.name,
        r.status,
        r.statusLabel,
      ]),
    ).toEqual([
      ['Judo', 'PENDING', 'En attente'],
      ['Anglais', 'PENDING', 'En attente'],
    ]);
    const basket = await t
      .http()
      .get(`/me/children/${family.children['Léa']}/basket`)
      .set('Authorization', family.auth)
      .expect(200);
    expect(basket.body).toMatchObject({ lines: [], modules: '0m' });
  });

  it('answers with the order from its event exactly as the next GET reads it from the read model', async () => {
    const family = await aFamily();
    await add(family, 'judo');
    await add(family, 'english');
    const placed = await order(family).expect(201);
    // the very next requests: they wait for the read models, which the order's answer did not
    const [one, all] = await Promise.all([
      t.http().get(`/me/orders/${placed.body.orderId}`).set('Authorization', family.auth).expect(200),
      t.http().get('/me/orders').set('Authorization', family.auth).expect(200),
    ]);
    expect(one.body).toEqual(placed.body);
    expect(all.body).toEqual({ orders: [placed.body] });
  });

  it('is open to a family of tier 2 once a phase admits it', async () => {
    const family = await aFamily('NEW_FAMILY');
    t.clock.set(DURING_OPEN);
    await add(family, 'judo');
    const response = await order(family).expect(201);
    expect(response.body.phaseId).toBe(program.phases.open);
  });

  describe('refuses, saying why', () => {
    it('a request without an Idempotency-Key', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const response = await order(family, null).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'IDEMPOTENCY_KEY_REQUIRED',
        message:
          'The Idempotency-Key header is required: send a new key for each order (1 to 100 letters, digits, _ or -), and the same key when you retry it.',
      });
      expect(await bookingEvents(family)).toEqual(['ActivityAdded']);
    });

    it('an Idempotency-Key that is too long or has other characters', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      for (const key of ['x'.repeat(101), 'clé avec espaces', 'a/b']) {
        const response = await order(family, key).expect(400);
        expect(response.body.error).toBe('IDEMPOTENCY_KEY_INVALID');
      }
      await order(family, 'x'.repeat(100)).expect(201);
    });

    it('an empty basket', async () => {
      const family = await aFamily();
      const response = await order(family).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'BASKET_EMPTY',
        message: 'The basket is empty: add at least one activity before ordering.',
      });
    });

    it('billing details with a field missing, naming it', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const { city: _city, ...address } = BILLING.address;
      const response = await order(family, aKey(), { billing: { ...BILLING, address } }).expect(400);
      expect(response.body.message).toContain('billing.address.city must be a string');
      const noBilling = await order(family, aKey(), {}).expect(400);
      expect(noBilling.body.message).toContain('billing must be an object');
      expect(await bookingEvents(family)).toEqual(['ActivityAdded']);
    });

    it('billing details left blank', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const blank = { billing: { name: ' ', address: { ...BILLING.address, city: '  ' } } };
      const response = await order(family, aKey(), blank).expect(400);
      expect(response.body).toMatchObject({
        error: 'BILLING_INCOMPLETE',
        message: 'Billing details are incomplete: please fill in the name, city.',
      });
    });

    it('a body with an unknown field', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const response = await order(family, aKey(), { billing: BILLING, familyId: 'another' }).expect(400);
      expect(response.body.message).toBe('familyId: property familyId should not exist');
    });

    it('an order before the first phase opens, saying when it opens', async () => {
      t.clock.set(BEFORE_PHASES);
      const family = await aFamily();
      await add(family, 'judo');
      const response = await order(family).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'NO_BOOKING_PHASE_OPEN',
        message:
          'No booking phase is open for this program; the next one for your family opens at 2025-05-12T09:00:00+02:00.',
      });
    });

    it('an order between two phases, saying when the next one opens', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      t.clock.set(BETWEEN_PHASES);
      const response = await order(family).expect(400);
      expect(response.body.message).toBe(
        'No booking phase is open for this program; the next one for your family opens at 2025-06-02T09:00:00+02:00.',
      );
    });

    it('an order of a tier-2 family during the priority phase', async () => {
      const family = await aFamily('NEW_FAMILY');
      await add(family, 'judo');
      const response = await order(family).expect(403);
      expect(response.body).toEqual({
        statusCode: 403,
        error: 'PHASE_NOT_FOR_YOUR_TIER',
        message:
          'The booking phase open now is reserved for families of another priority tier; the next one for your family opens at 2025-06-02T09:00:00+02:00.',
      });
      expect(await bookingEvents(family)).toEqual(['ActivityAdded']);
    });

    it('a basket prepared before the phase with an activity withdrawn since', async () => {
      const withdrawing = await primairesProgram(t);
      const family = await validatedFamily(t, { programIds: [withdrawing.programId] });
      const lea = family.children['Léa'];
      await addLine(t, family.auth, lea, withdrawing.programId, withdrawing.activities.judo).expect(201);
      await t
        .http()
        .post(`/programs/${withdrawing.programId}/activities/${withdrawing.activities.judo}/withdrawal`)
        .set('Authorization', await staffBearer(t))
        .send({ reason: "L'intervenant n'est plus disponible." })
        .expect(201);
      t.clock.set(DURING_PRIORITY);
      const response = await placeOrder(t, family.auth, lea, aKey()).expect(409);
      expect(response.body).toEqual({
        statusCode: 409,
        error: 'ACTIVITY_WITHDRAWN',
        message: `The activity « Judo » was withdrawn on ${BEFORE_PHASES}.`,
      });
    });

    it('an order for another family’s child, as if the child did not exist', async () => {
      const owner = await aFamily();
      const intruder = await aFamily();
      await add(owner, 'judo');
      const response = await placeOrder(t, intruder.auth, owner.children['Léa'], aKey()).expect(404);
      expect(response.body.error).toBe('CHILD_NOT_FOUND');
      expect(await bookingEvents(owner)).toEqual(['ActivityAdded']);
    });
  });

  describe('given the same Idempotency-Key again', () => {
    it('answers 200 with the same order and places nothing, even after the basket changed', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const key = aKey();
      const first = await order(family, key).expect(201);
      await add(family, 'english');
      const retry = await order(family, key).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(await bookingEvents(family)).toEqual(['ActivityAdded', 'OrderPlaced', 'ActivityAdded']);
    });

    it('answers with the same order after the phase closed', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const key = aKey();
      const first = await order(family, key).expect(201);
      t.clock.set(BETWEEN_PHASES);
      expect((await order(family, key).expect(200)).body).toEqual(first.body);
    });

    it('places another order for another child: a key is per child', async () => {
      const family = await validatedFamily(t, {
        programIds: [program.programId],
        children: [
          { firstName: 'Léa', classLevel: 'CP' },
          { firstName: 'Hugo', classLevel: 'CM1' },
        ],
      });
      await add(family, 'judo', 'Léa');
      await add(family, 'chess', 'Hugo');
      const key = aKey();
      const forLea = await order(family, key, undefined, 'Léa').expect(201);
      const forHugo = await order(family, key, undefined, 'Hugo').expect(201);
      expect(forHugo.body.orderId).not.toBe(forLea.body.orderId);
      expect(forHugo.body.child.firstName).toBe('Hugo');
    });

    it('answers ten parallel requests with one and the same order', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      await add(family, 'english');
      const key = aKey();
      const responses = await Promise.all(Array.from({ length: 10 }, () => order(family, key)));
      expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
      expect(responses.some((r) => r.status === 201)).toBe(true);
      expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(await bookingEvents(family)).toEqual(['ActivityAdded', 'ActivityAdded', 'OrderPlaced']);
    });
  });

  describe('given concurrent requests for one child', () => {
    it('places one order of a basket ordered ten times at once with different keys', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const responses = await Promise.all(Array.from({ length: 10 }, () => order(family)));
      const placed = responses.filter((r) => r.status === 201);
      expect(placed).toHaveLength(1);
      const refused = responses.filter((r) => r.status !== 201);
      expect(refused.map((r) => [r.status, r.body.error])).toEqual(Array(9).fill([400, 'BASKET_EMPTY']));
      const orders = await t.http().get('/me/orders').set('Authorization', family.auth).expect(200);
      expect(orders.body.orders.map((o: { orderId: string }) => o.orderId)).toEqual([placed[0].body.orderId]);
    });

    it('never holds two pending reservations of one activity, whatever the mix of orders and additions', async () => {
      const family = await aFamily();
      await add(family, 'judo');
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? order(family)
            : addLine(t, family.auth, family.children['Léa'], program.programId, program.activities.judo),
        ),
      );
      expect(responses.every((r) => r.status < 500)).toBe(true);
      const orders = await t.http().get('/me/orders').set('Authorization', family.auth).expect(200);
      const judo = orders.body.orders.flatMap((o: { reservations: { activityId: string; status: string }[] }) =>
        o.reservations.filter((r) => r.activityId === program.activities.judo && r.status === 'PENDING'),
      );
      expect(judo).toHaveLength(1);
      expect(await bookingEvents(family)).toEqual(['ActivityAdded', 'OrderPlaced']);
    });
  });

  it('gives parents no way to cancel a reservation once ordered (procedure, step 4)', async () => {
    const family = await aFamily();
    const { reservationIds } = await ordered(t, family, family.children['Léa'], program.programId, [
      program.activities.judo,
    ]);
    const response = await t
      .http()
      .post(`/reservations/${reservationIds[0]}/cancellation`)
      .set('Authorization', family.auth)
      .send({ reason: 'FAMILY_REQUEST' })
      .expect(403);
    expect(response.body.message).toBe("This is for the association's staff only.");
    await t
      .http()
      .delete(`/me/children/${family.children['Léa']}/basket/lines/${program.activities.judo}`)
      .set('Authorization', family.auth)
      .expect(404);
  });
});
