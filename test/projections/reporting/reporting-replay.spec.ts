import { randomUUID } from 'node:crypto';
import { toNewEvents } from '../../../src/application/shared/handle-command';
import { fillRatesOf } from '../../../src/projections/reporting/fill-rates.query';
import { positionAt, replayReporting } from '../../../src/projections/reporting/reporting-replay';
import * as e from './reporting.events';
import { aTempStorePerTest } from '../../support/temp-store';

const ctx = (now: string) => ({
  commandId: randomUUID(),
  correlationId: 'c',
  causationId: 'c',
  actor: 'test',
  now: new Date(now),
});

describe('the reporting read models at a point in time', () => {
  const temp = aTempStorePerTest('ateliers-replay-');

  const append = async (now: string, events: e.ReportedEvent[]) =>
    (await temp.store.appendToStream(randomUUID(), toNewEvents('s', events, ctx(now)), { expectedRevision: 'any' }))
      .position;

  /** a program of one activity and `n` families ordering it: every reservation pending */
  async function ordersAt(now: string, n: number, first = 0): Promise<number> {
    const events: e.ReportedEvent[] = [];
    for (let i = first; i < first + n; i++) {
      events.push(
        e.order({ orderId: `o${i}`, familyId: `F${i}`, childId: `c${i}`, programId: 'P' }, [
          { activityId: 'A', priceCents: 4_500 },
        ]),
      );
    }
    return append(now, events);
  }

  const pendingAt = async (position: number) => {
    const snapshot = await replayReporting(temp.store, position);
    try {
      return { position: snapshot.position, pending: fillRatesOf(snapshot.db, 'P')?.activities[0].pending };
    } finally {
      snapshot.db.close();
    }
  };

  it('replays the events up to the position asked, across pages, and says which position it reached', async () => {
    const planned = await append('2025-05-01T08:00:00Z', [e.program('P'), e.activity('P', 'A', 10)]);
    const early = await ordersAt('2025-05-15T10:00:00Z', 2_500);
    const late = await ordersAt('2025-05-16T10:00:00Z', 1_700, 2_500);
    expect(await pendingAt(0)).toEqual({ position: 0, pending: undefined });
    expect(await pendingAt(planned)).toEqual({ position: planned, pending: 0 });
    expect(await pendingAt(planned + 2_100)).toEqual({ position: planned + 2_100, pending: 2_100 });
    expect(await pendingAt(early)).toEqual({ position: early, pending: 2_500 });
    expect(await pendingAt(late + 1_000)).toEqual({ position: late, pending: 4_200 });
  });

  it('maps an instant to the last event recorded at or before it, even after a later one written earlier', async () => {
    const planned = await append('2025-05-01T08:00:00Z', [e.program('P'), e.activity('P', 'A', 10)]);
    const ordered = await ordersAt('2025-05-15T10:00:00Z', 3);
    const decided = await append('2025-06-20T10:00:00Z', [e.reserved('o0:A')]);
    // a slow command: its clock read before the decision, its append after
    const slow = await ordersAt('2025-05-20T10:00:00Z', 1, 3);
    expect(await positionAt(temp.store, new Date('2025-04-30T00:00:00Z'))).toBe(0);
    expect(await positionAt(temp.store, new Date('2025-05-01T08:00:00Z'))).toBe(planned);
    expect(await positionAt(temp.store, new Date('2025-05-16T00:00:00+02:00'))).toBe(ordered);
    expect(await positionAt(temp.store, new Date('2025-06-01T00:00:00Z'))).toBe(slow);
    expect(await positionAt(temp.store, new Date('2030-01-01T00:00:00Z'))).toBe(slow);
    expect(slow).toBeGreaterThan(decided);
  });
});
