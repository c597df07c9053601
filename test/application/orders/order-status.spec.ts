import {
  addLine,
  aKey,
  BILLING,
  decide,
  DURING_OPEN,
  DURING_PRIORITY,
  ordered,
  placeOrder,
  primairesProgram,
  Program,
  validatedFamily,
} from '../../support/booking.seeding';
import { startTestApp, TestApp } from '../../support/test-app';
import { staffBearer } from '../../support/tokens';

describe('the status of orders', () => {
  let t: TestApp;
  let program: Program;
  beforeAll(async () => {
    t = await startTestApp();
    program = await primairesProgram(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(DURING_PRIORITY));

  const twoChildren = () =>
    validatedFamily(t, {
      programIds: [program.programId],
      children: [
        { firstName: 'Léa', classLevel: 'CP' },
        { firstName: 'Hugo', classLevel: 'CM1' },
      ],
    });

  describe('the procedure, for a family with two children', () => {
    it('books each child separately: two baskets, two orders, every reservation « En attente »', async () => {
      const family = await twoChildren();
      const { Léa: lea, Hugo: hugo } = family.children;
      const { programId, activities } = program;

      // Step 2: activities of the planning, for one child at a time
      await addLine(t, family.auth, lea, programId, activities.judo).expect(201);
      await addLine(t, family.auth, lea, programId, activities.english).expect(201);
      await addLine(t, family.auth, hugo, programId, activities.chess).expect(201);
      await addLine(t, family.auth, hugo, programId, activities.theatre).expect(201);

      // Step 3: each basket shows « 1m » per line, « 2m » in all, and its total
      const leaBasket = await t.http().get(`/me/children/${lea}/basket`).set('Authorization', family.auth).expect(200);
      expect(leaBasket.body).toMatchObject({ modules: '2m', totalCents: 22_500, total: '225,00 €' });
      expect(leaBasket.body.lines.map((l: { modules: string }) => l.modules)).toEqual(['1m', '1m']);
      const hugoBasket = await t.http().get(`/me/children/${hugo}/basket`).set('Authorization', family.auth);
      expect(hugoBasket.body).toMatchObject({ modules: '2m', totalCents: 13_500, total: '135,00 €' });

      // Step 4: « VALIDER LA COMMANDE », once per child
      const leaOrder = await placeOrder(t, family.auth, lea, aKey()).expect(201);
      const hugoOrder = await placeOrder(t, family.auth, hugo, aKey()).expect(201);

      // Step 5: both orders in the account, every reservation pending
      const response = await t.http().get('/me/orders').set('Authorization', family.auth).expect(200);
      const reservation = (orderId: string, activityId: string, child: string, rest: object) => ({
        reservationId: `${orderId}:${activityId}`,
        orderId,
        child: { childId: family.children[child], firstName: child },
        activityId,
        status: 'PENDING',
        statusLabel: 'En attente',
        ...rest,
      });
      const billing = { ...BILLING, address: { ...BILLING.address, line2: null } };
      expect(response.body).toEqual({
        orders: [
          {
            orderId: leaOrder.body.orderId,
            programId,
            phaseId: program.phases.priority,
            child: { childId: lea, firstName: 'Léa' },
            placedAt: DURING_PRIORITY,
            moduleCount: 2,
            modules: '2m',
            totalCents: 22_500,
            total: '225,00 €',
            billing,
            reservations: [
              reservation(leaOrder.body.orderId, activities.judo, 'Léa', {
                name: 'Judo',
                slot: { weekday: 'WEDNESDAY', start: '14:00', end: '15:00' },
                priceCents: 18_000,
                price: '180,00 €',
              }),
              reservation(leaOrder.body.orderId, activities.english, 'Léa', {
                name: 'Anglais',
                slot: { weekday: 'TUESDAY', start: '16:30', end: '17:30' },
                priceCents: 4_500,
                price: '45,00 €',
              }),
            ],
          },
          {
            orderId: hugoOrder.body.orderId,
            programId,
            phaseId: program.phases.priority,
            child: { childId: hugo, firstName: 'Hugo' },
            placedAt: DURING_PRIORITY,
            moduleCount: 2,
            modules: '2m',
            totalCents: 13_500,
            total: '135,00 €',
            billing,
            reservations: [
              reservation(hugoOrder.body.orderId, activities.chess, 'Hugo', {
                name: 'Échecs',
                slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
                priceCents: 4_500,
                price: '45,00 €',
              }),
              reservation(hugoOrder.body.orderId, activities.theatre, 'Hugo', {
                name: 'Théâtre',
                slot: { weekday: 'WEDNESDAY', start: '14:30', end: '15:30' },
                priceCents: 9_000,
                price: '90,00 €',
              }),
            ],
          },
        ],
      });
      const one = await t.http().get(`/me/orders/${hugoOrder.body.orderId}`).set('Authorization', family.auth);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(response.body.orders[1]);
      expect(one.body).toEqual(hugoOrder.body);
    });
  });

  it('shows the child by first name only', async () => {
    const family = await twoChildren();
    await ordered(t, family, family.children['Léa'], program.programId, [program.activities.english]);
    const response = await t.http().get('/me/orders').set('Authorization', family.auth).expect(200);
    const text = JSON.stringify(response.body);
    for (const withheld of ['lastName', 'birthDate', 'classLevel', '2010-05-04']) expect(text).not.toContain(withheld);
    expect(response.body.orders[0].child).toEqual({ childId: family.children['Léa'], firstName: 'Léa' });
    expect(Object.keys(response.body.orders[0].reservations[0].child)).toEqual(['childId', 'firstName']);
  });

  it('shows the allocation’s outcome: « Réservé », or « Annulé » with its reason', async () => {
    const family = await twoChildren();
    const lea = family.children['Léa'];
    const { orderId, reservationIds } = await ordered(t, family, lea, program.programId, [
      program.activities.judo,
      program.activities.english,
    ]);
    t.clock.set(DURING_OPEN);
    await decide(t, lea, reservationIds[0], {
      outcome: 'REJECTED',
      reason: 'CAPACITY',
      rank: 13,
      lotteryNumber: 'f00d42',
      tier: 1,
      cutOff: { tier: 1, lotteryNumber: 'c0ffee' },
    });
    await decide(t, lea, reservationIds[1], { outcome: 'RESERVED', rank: 2, lotteryNumber: '0a1b2c', tier: 1 });
    const response = await t.http().get(`/me/orders/${orderId}`).set('Authorization', family.auth).expect(200);
    const [judo, english] = response.body.reservations;
    expect(judo).toMatchObject({
      status: 'CANCELLED',
      statusLabel: 'Annulé',
      cancellation: {
        cause: 'ALLOCATION',
        reason: 'CAPACITY',
        reasonLabel: 'Activité complète',
        detail: null,
        rank: 13,
        lotteryNumber: 'f00d42',
        tier: 1,
        cutOff: { tier: 1, lotteryNumber: 'c0ffee' },
        decidedAt: DURING_OPEN,
      },
    });
    expect(english).toMatchObject({ status: 'RESERVED', statusLabel: 'Réservé' });
    expect(english.cancellation).toBeUndefined();
  });

  describe('given a rejection by the allocation', () => {
    it('lets the family book another activity on the refused slot and order it in a later phase', async () => {
      const family = await twoChildren();
      const lea = family.children['Léa'];
      const first = await ordered(t, family, lea, program.programId, [program.activities.judo]);
      t.clock.set(DURING_OPEN);
      await decide(t, lea, first.reservationIds[0], { outcome: 'REJECTED', reason: 'CAPACITY' });

      await addLine(t, family.auth, lea, program.programId, program.activities.theatre).expect(201);
      const second = await placeOrder(t, family.auth, lea, aKey()).expect(201);
      expect(second.body.phaseId).toBe(program.phases.open);
      expect(second.body.reservations).toEqual([
        expect.objectContaining({ name: 'Théâtre', status: 'PENDING', statusLabel: 'En attente' }),
      ]);
      const orders = await t.http().get('/me/orders').set('Authorization', family.auth).expect(200);
      expect(
        orders.body.orders.map((o: { reservations: { name: string; statusLabel: string }[] }) =>
          o.reservations.map((r) => `${r.name}: ${r.statusLabel}`),
        ),
      ).toEqual([['Judo: Annulé'], ['Théâtre: En attente']]);
    });

    it('lets the family ask again for the refused activity itself', async () => {
      const family = await twoChildren();
      const lea = family.children['Léa'];
      const first = await ordered(t, family, lea, program.programId, [program.activities.judo]);
      t.clock.set(DURING_OPEN);
      await decide(t, lea, first.reservationIds[0], { outcome: 'REJECTED', reason: 'CAPACITY' });
      await addLine(t, family.auth, lea, program.programId, program.activities.judo).expect(201);
      await placeOrder(t, family.auth, lea, aKey()).expect(201);
    });
  });

  describe('given another family', () => {
    it('neither lists nor shows its orders', async () => {
      const owner = await twoChildren();
      const intruder = await twoChildren();
      const { orderId } = await ordered(t, owner, owner.children['Léa'], program.programId, [program.activities.judo]);
      const one = await t.http().get(`/me/orders/${orderId}`).set('Authorization', intruder.auth).expect(404);
      expect(one.body).toEqual({
        statusCode: 404,
        error: 'ORDER_NOT_FOUND',
        message: 'Your family has no order by this id.',
      });
      const list = await t.http().get('/me/orders').set('Authorization', intruder.auth).expect(200);
      expect(list.body).toEqual({ orders: [] });
    });
  });

  it('is for parents: staff are refused', async () => {
    await t
      .http()
      .get('/me/orders')
      .set('Authorization', await staffBearer(t))
      .expect(403);
  });
});
