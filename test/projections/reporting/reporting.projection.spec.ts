import type Database from 'better-sqlite3';
import { amountsDueOf } from '../../../src/projections/reporting/amounts-due.query';
import { fillRatesOf } from '../../../src/projections/reporting/fill-rates.query';
import { rosterOf } from '../../../src/projections/reporting/roster.query';
import * as e from './reporting.events';

const noCancellation = {
  total: 0,
  WRONG_CLASS: 0,
  DUPLICATE: 0,
  FAMILY_REQUEST: 0,
  OTHER: 0,
  CAPACITY: 0,
  INELIGIBLE: 0,
};

describe('the reporting projections', () => {
  let db: Database.Database;
  let feed: ReturnType<typeof e.feeder>;
  beforeEach(() => {
    db = e.freshReportingDb();
    feed = e.feeder(db);
    feed(e.program('P'), e.activity('P', 'A', 2), e.activity('P', 'B', 3, 12_000), e.program('Q', '2024-2025'));
    feed(e.activity('Q', 'C', 10, 3_000), e.family('F1'), e.family('F2'), e.family('F3'));
    feed(e.child('F1', 'c1', 'Éloïse'), e.child('F2', 'c2', 'Nina'), e.child('F3', 'c3', 'Hugo'));
    // F2's latest validation for the year counts; F3 is validated for another year only
    feed(e.validated('F1', 1), e.validated('F2', 1), e.validated('F2', 2), e.validated('F3', 1, '2024-2025'));
    const a = { activityId: 'A', priceCents: 4_500 };
    const b = { activityId: 'B', priceCents: 12_000 };
    feed(e.order({ orderId: 'o1', familyId: 'F1', childId: 'c1', programId: 'P' }, [a, b]));
    feed(e.order({ orderId: 'o2', familyId: 'F2', childId: 'c2', programId: 'P' }, [a, b]));
    feed(e.order({ orderId: 'o3', familyId: 'F3', childId: 'c3', programId: 'P' }, [a]));
  });
  afterEach(() => db.close());

  describe('fill rates', () => {
    it('counts every order as pending demand before the allocation, by tier', () => {
      const report = fillRatesOf(db, 'P');
      expect(report?.activities.map((x) => [x.activityId, x.pending, x.requests, x.demandRatio])).toEqual([
        ['A', 3, 3, 1.5],
        ['B', 2, 2, 0.667],
      ]);
      expect(report?.activities[0].byTier).toMatchObject({
        '1': { pending: 1, requests: 1 },
        '2': { pending: 1, requests: 1 },
        unknown: { pending: 1, requests: 1 },
      });
    });

    it('counts decisions and cancellations by reason; demand keeps the requests refused for capacity only', () => {
      feed(e.reserved('o1:A'), e.rejected('o2:A', 'CAPACITY'), e.cancelled('o3:A', 'WRONG_CLASS'));
      feed(e.reserved('o1:B'), e.rejected('o2:B', 'INELIGIBLE'));
      const [a, b] = fillRatesOf(db, 'P')?.activities ?? [];
      expect(a).toMatchObject({
        capacity: 2,
        pending: 0,
        reserved: 1,
        cancelled: { ...noCancellation, total: 2, CAPACITY: 1, WRONG_CLASS: 1 },
        requests: 2,
        seatsLeft: 1,
        fillRate: 0.5,
        demandRatio: 1,
        byTier: {
          '1': { reserved: 1, requests: 1 },
          '2': { reserved: 0, requests: 1, cancelled: { ...noCancellation, total: 1, CAPACITY: 1 } },
          unknown: { requests: 0, cancelled: { ...noCancellation, total: 1, WRONG_CLASS: 1 } },
        },
      });
      expect(b).toMatchObject({ reserved: 1, requests: 1, seatsLeft: 2, fillRate: 0.333, demandRatio: 0.333 });
      expect(b.cancelled).toEqual({ ...noCancellation, total: 1, INELIGIBLE: 1 });
    });

    it('follows capacity changes and withdrawals; a withdrawn activity has no seats left and no capacity in the totals', () => {
      feed(e.reserved('o1:A'), {
        type: 'ActivityChanged',
        data: { programId: 'P', activityId: 'A', changes: { capacity: 4 }, changedAt: e.AT },
      });
      feed({
        type: 'ActivityWithdrawn',
        data: { programId: 'P', activityId: 'B', reason: 'no teacher', withdrawnAt: e.AT },
      });
      const report = fillRatesOf(db, 'P');
      expect(report?.activities.map((x) => [x.activityId, x.status, x.capacity, x.seatsLeft])).toEqual([
        ['A', 'SCHEDULED', 4, 3],
        ['B', 'WITHDRAWN', 3, 0],
      ]);
      expect(report?.totals).toMatchObject({ capacity: 4, pending: 4, reserved: 1, requests: 5, demandRatio: 1.25 });
    });

    it('knows no program it was not told of', () => {
      expect(fillRatesOf(db, 'nope')).toBeUndefined();
    });
  });

  describe('rosters', () => {
    it("lists the children seated, with the class of the program's year and the family's latest contact", () => {
      feed(e.reserved('o1:A'), e.reserved('o3:A'));
      feed({
        type: 'ChildUpdated',
        data: { familyId: 'F1', childId: 'c1', changes: { lastName: 'Dupré' }, schoolYear: e.YEAR, updatedAt: e.AT },
      });
      const guardians = [{ firstName: 'Zoé', lastName: "L'Hôte", phone: '07 00 00 00 00' }];
      feed({
        type: 'AccountUpdated',
        data: {
          familyId: 'F1',
          schoolYear: '2026-2027',
          guardians,
          address: { line1: 'x', postalCode: '1', city: 'y' },
          children: [{ childId: 'c1', classLevel: 'CE1' }],
          updatedAt: e.AT,
        },
      });
      const roster = rosterOf(db, 'P', 'A');
      expect(roster?.children).toEqual([
        {
          reservationId: 'o1:A',
          childId: 'c1',
          firstName: 'Éloïse',
          lastName: 'Dupré',
          classLevel: 'CP',
          family: { familyId: 'F1', email: 'F1@example.org', guardians },
        },
        expect.objectContaining({ childId: 'c3', firstName: 'Hugo', lastName: 'Martin', classLevel: 'CP' }),
      ]);
      expect(rosterOf(db, 'P', 'B')?.children).toEqual([]);
      expect(rosterOf(db, 'P', 'C')).toBeUndefined();
    });
  });

  describe('amounts due', () => {
    it("sums each family's reserved modules of the school year at their ordered price, billed to its latest order", () => {
      feed(e.activity('P', 'D', 5, 6_000), e.reserved('o1:A'), e.reserved('o1:B'), e.rejected('o2:A', 'CAPACITY'));
      feed(
        e.order({ orderId: 'o4', familyId: 'F1', childId: 'c1', programId: 'Q' }, [
          { activityId: 'C', priceCents: 3_000 },
        ]),
      );
      const d = { activityId: 'D', priceCents: 6_000 };
      feed(
        e.order({ orderId: 'o5', familyId: 'F1', childId: 'c1', programId: 'P', billingName: 'Cabinet Dupré' }, [d]),
      );
      feed(e.reserved('o4:C'), e.reserved('o5:D'), e.reserved('o2:B'));
      const due = amountsDueOf(db, e.YEAR);
      expect(due.families.map((f) => [f.familyId, f.billing.name, f.moduleCount, f.totalCents, f.total])).toEqual([
        ['F1', 'Cabinet Dupré', 3, 22_500, '225,00 €'],
        ['F2', 'Camille Martin', 1, 12_000, '120,00 €'],
      ]);
      expect(due.families[0].modules.map((m) => [m.reservationId, m.priceCents, m.child.firstName])).toEqual([
        ['o1:A', 4_500, 'Éloïse'],
        ['o1:B', 12_000, 'Éloïse'],
        ['o5:D', 6_000, 'Éloïse'],
      ]);
      expect(due.totals).toEqual({ familyCount: 2, moduleCount: 4, totalCents: 34_500, total: '345,00 €' });
      expect(amountsDueOf(db, '2024-2025').totals).toMatchObject({ familyCount: 1, totalCents: 3_000 });
    });
  });
});
