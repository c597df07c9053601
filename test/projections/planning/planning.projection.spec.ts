import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { planningProjection } from '../../../src/projections/planning/planning.projection';
import { planningOf } from '../../../src/projections/planning/planning.query';
import * as e from '../reporting/reporting.events';

/** The demand per activity (pending, reserved) as a reservation moves, applied as the runner would. */
describe('the planning projection', () => {
  let db: Database.Database;
  let position: number;
  const feed = (...events: e.ReportedEvent[]) => {
    for (const event of events) {
      position += 1;
      const recorded = { ...event, streamId: 's', revision: 0, position, metadata: {} } as RecordedEvent;
      if (planningProjection.handles.has(event.type)) planningProjection.apply(db, recorded);
    }
  };
  const demand = () =>
    Object.fromEntries(
      (planningOf(db, 'P', new Date(e.AT), { withWithdrawn: true })?.week ?? [])
        .flatMap((day) => day.slots.flatMap((slot) => slot.activities))
        .map((a) => [a.activityId, { pending: a.pending, reserved: a.reserved, seatsLeft: a.seatsLeft }]),
    );
  const a = { activityId: 'A', priceCents: 4_500 };
  const b = { activityId: 'B', priceCents: 4_500 };

  beforeEach(() => {
    db = new Database(':memory:');
    planningProjection.setup(db);
    position = 0;
    feed(e.program('P'), e.activity('P', 'A', 2), e.activity('P', 'B', 3));
    feed(e.order({ orderId: 'o1', familyId: 'F1', childId: 'c1', programId: 'P' }, [a, b]));
    feed(e.order({ orderId: 'o2', familyId: 'F2', childId: 'c2', programId: 'P' }, [a]));
  });
  afterEach(() => db.close());

  it('counts every reservation of an order as pending, once even if the order is applied twice', () => {
    feed(e.order({ orderId: 'o1', familyId: 'F1', childId: 'c1', programId: 'P' }, [a, b]));
    expect(demand()).toEqual({
      A: { pending: 2, reserved: 0, seatsLeft: 2 },
      B: { pending: 1, reserved: 0, seatsLeft: 3 },
    });
  });

  it('moves a reserved reservation from pending to reserved, and a rejected one out of the counts', () => {
    feed(e.reserved('o1:A'), e.rejected('o2:A', 'CAPACITY'), e.rejected('o1:B', 'INELIGIBLE'));
    expect(demand()).toEqual({
      A: { pending: 0, reserved: 1, seatsLeft: 1 },
      B: { pending: 0, reserved: 0, seatsLeft: 3 },
    });
  });

  it('frees the seat of a reserved reservation cancelled by staff', () => {
    feed(e.reserved('o1:A'), e.reserved('o2:A'), e.cancelled('o1:A', 'FAMILY_REQUEST'));
    expect(demand()).toEqual({
      A: { pending: 0, reserved: 1, seatsLeft: 1 },
      B: { pending: 1, reserved: 0, seatsLeft: 3 },
    });
  });

  it('counts a decision applied twice once, and ignores a decision about an unknown reservation', () => {
    feed(e.reserved('o1:A'), e.reserved('o1:A'), e.cancelled('o2:A', 'OTHER'), e.cancelled('o2:A', 'OTHER'));
    feed(e.reserved('o9:A'), e.cancelled('o9:B', 'DUPLICATE'));
    expect(demand()).toEqual({
      A: { pending: 0, reserved: 1, seatsLeft: 1 },
      B: { pending: 1, reserved: 0, seatsLeft: 3 },
    });
  });
});
