import { Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decision } from '../../../src/allocation/allocation.types';
import {
  AllocationChunkApplied,
  AllocationProcessEvent,
  allocationProcessStream,
} from '../../../src/allocation/process/allocation-process.events';
import { AllocationApplier } from '../../../src/application/allocation-saga/allocation-applier';
import { AllocationSagaFaults } from '../../../src/application/allocation-saga/allocation-saga.faults';
import { ReadModels } from '../../../src/application/projections/read-models';
import { Clock } from '../../../src/application/shared/clock';
import { Commands } from '../../../src/application/shared/commands.service';
import { StoredEvent } from '../../../src/application/shared/stored-event';
import type { ReservationRejected, ReservationReserved } from '../../../src/domain/order/order.events';
import { EventStore, RecordedEvent } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { AllocationProcessQuery } from '../../../src/projections/allocation-process/allocation-process.query';
import { startTestApp, TestApp } from '../../support/test-app';
import { approve, ApprovedRun, cancelByStaff, runAllocation, runState, seedRound } from './approved-run.seeding';

type DecisionEvent = RecordedEvent<
  ReservationReserved['type'] | ReservationRejected['type'],
  ReservationReserved['data'] | ReservationRejected['data']
>;

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** the decision events of this run, by reservation, read from every booking stream */
async function decisionsOnOrders(store: EventStore, runId: string): Promise<Map<string, DecisionEvent[]>> {
  const byReservation = new Map<string, DecisionEvent[]>();
  for (const event of await store.readAll()) {
    if (event.type !== 'ReservationReserved' && event.type !== 'ReservationRejected') continue;
    const decided = event as DecisionEvent;
    if (decided.data.runId !== runId) continue;
    byReservation.set(decided.data.reservationId, [...(byReservation.get(decided.data.reservationId) ?? []), decided]);
  }
  return byReservation;
}

async function processOf(store: EventStore, runId: string): Promise<AllocationProcessEvent[]> {
  const recorded = await store.readStream(allocationProcessStream(runId));
  return recorded.map(({ type, data }) => ({ type, data }) as AllocationProcessEvent);
}

const completed = async (store: EventStore, runId: string) =>
  (await processOf(store, runId)).some((e) => e.type === 'AllocationApplicationCompleted');

const chunksOf = (events: AllocationProcessEvent[]) =>
  events.filter((e): e is AllocationChunkApplied => e.type === 'AllocationChunkApplied');

/** Every decision of the run is on its order exactly once, but those of reservations staff cancelled. */
function expectAppliedExactlyOnce(
  run: ApprovedRun,
  onOrders: Map<string, DecisionEvent[]>,
  cancelled: readonly Decision[],
): void {
  const skipped = new Set(cancelled.map((d) => d.reservationId));
  const counts = run.decisions.map((d) => onOrders.get(d.reservationId)?.length ?? 0);
  expect(counts.filter((n, i) => n !== (skipped.has(run.decisions[i].reservationId) ? 0 : 1))).toEqual([]);
  expect([...onOrders.keys()].every((id) => run.decisions.some((d) => d.reservationId === id))).toBe(true);
  for (const decision of run.decisions) {
    const [event] = onOrders.get(decision.reservationId) ?? [];
    if (event === undefined) continue;
    expect(event.type).toBe(decision.outcome === 'RESERVED' ? 'ReservationReserved' : 'ReservationRejected');
    if (decision.outcome === 'REJECTED') expect(event.data).toMatchObject({ reason: decision.reason });
  }
}

describe('the allocation saga', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ateliers-saga-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('given the process dies in the middle of a chunk', () => {
    it('resumes at the next start and applies every decision exactly once, skipping those staff cancelled', async () => {
      const faults = new AllocationSagaFaults(130);
      const first = await startTestApp({ dataDir, overrides: [{ provide: AllocationSagaFaults, useValue: faults }] });
      const round = await seedRound(first, { families: 100, capacity: 50 });
      const run = await runAllocation(first, round, 40);
      expect(run.decisions.length).toBe(400);
      expect(run.chunkCount).toBe(10);
      // cancelled after the run, before the approval; and one of the last chunk once the saga died
      const cancelledBeforeApproval = run.decisions[5];
      const cancelledWhileDown = run.decisions[run.decisions.length - 3];
      await cancelByStaff(first, cancelledBeforeApproval);

      await approve(first, run.runId);
      await waitUntil('the saga dies', () => faults.tripped);
      await cancelByStaff(first, cancelledWhileDown);
      await first.close();

      const offline = new SqliteEventStore(join(dataDir, 'events.sqlite'));
      const partial = await processOf(offline, run.runId);
      const appliedBeforeTheCrash = (await decisionsOnOrders(offline, run.runId)).size;
      await offline.close();
      // chunks 0–2 recorded; chunk 3 (decisions 120–159) half applied, not recorded
      expect(partial.map((e) => e.type)).toEqual([
        'AllocationApplicationStarted',
        'AllocationChunkApplied',
        'AllocationChunkApplied',
        'AllocationChunkApplied',
      ]);
      expect(appliedBeforeTheCrash).toBeGreaterThan(120);
      expect(appliedBeforeTheCrash).toBeLessThan(160);

      const second = await startTestApp({ dataDir });
      try {
        const store = second.app.get(EventStore);
        await waitUntil('the application completes', () => completed(store, run.runId));

        const cancelled = [cancelledBeforeApproval, cancelledWhileDown];
        expectAppliedExactlyOnce(run, await decisionsOnOrders(store, run.runId), cancelled);

        const process = await processOf(store, run.runId);
        expect(process.map((e) => e.type)).toEqual([
          'AllocationApplicationStarted',
          ...Array(10).fill('AllocationChunkApplied'),
          'AllocationApplicationCompleted',
        ]);
        expect(process[0].data).toMatchObject({ runId: run.runId, decisionCount: 400, chunkCount: 10 });
        const chunks = chunksOf(process);
        expect(chunks.map((e) => e.data.chunk)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(chunks.map((e) => e.data.applied + e.data.skipped.length)).toEqual(Array(10).fill(40));
        expect(chunks.flatMap((e) => e.data.skipped)).toEqual(
          cancelled.map(({ reservationId }) => ({ reservationId, why: 'CANCELLED_BY_STAFF' })),
        );
        expect(process[11].data).toMatchObject({ applied: 398, skipped: 2 });

        // the read model that finds unfinished runs at start-up
        await second.app.get(ReadModels).waitFor(await store.headPosition());
        const query = second.app.get(AllocationProcessQuery);
        expect(query.progressOf(run.runId)).toMatchObject({
          status: 'COMPLETED',
          decisionCount: 400,
          chunkCount: 10,
          chunksApplied: 10,
          applied: 398,
          skipped: 2,
        });
        expect(query.unfinishedRuns()).not.toContain(run.runId);
      } finally {
        await second.close();
      }
    });
  });

  describe('given a run approved while the service runs', () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp({ dataDir })));
    afterEach(() => t.close());

    it('applies it, and applies nothing twice when AllocationApproved is delivered again', async () => {
      const round = await seedRound(t, { families: 30, capacity: 15 });
      const run = await runAllocation(t, round, 25);
      await approve(t, run.runId);
      const store = t.app.get(EventStore);
      await waitUntil('the application completes', () => completed(store, run.runId));
      expectAppliedExactlyOnce(run, await decisionsOnOrders(store, run.runId), []);
      const head = await store.headPosition();

      // at-least-once delivery: the event bus may publish the same stored event again
      const applier = t.app.get(AllocationApplier);
      const apply = jest.spyOn(applier, 'apply');
      const approved = (await runState(store, run.runId)).recorded.find((e) => e.type === 'AllocationApproved');
      t.app.get(EventBus).publish(new StoredEvent(approved!));
      await waitUntil('the saga reacts', () => apply.mock.calls.length > 0);
      await expect(apply.mock.results[0].value).resolves.toEqual({
        runId: run.runId,
        status: 'Completed',
        applied: 120,
        skipped: 0,
      });
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('given the application fails while the service runs', () => {
    it('logs the failure and tries again later, from where it stopped', async () => {
      const faults = new AllocationSagaFaults(30);
      const t = await startTestApp({ dataDir, overrides: [{ provide: AllocationSagaFaults, useValue: faults }] });
      const logged = jest.spyOn(Logger.prototype, 'error');
      try {
        const round = await seedRound(t, { families: 20, capacity: 10 });
        const run = await runAllocation(t, round, 25);
        await approve(t, run.runId);
        await waitUntil('the application fails', () => faults.tripped);
        faults.afterDecisions = undefined;

        const store = t.app.get(EventStore);
        await waitUntil('the retry completes the application', () => completed(store, run.runId));
        expectAppliedExactlyOnce(run, await decisionsOnOrders(store, run.runId), []);
        expect(logged).toHaveBeenCalledWith(
          expect.stringContaining(`applying allocation run ${run.runId} failed (attempt 1), trying again in 1000 ms`),
          expect.stringContaining('SimulatedCrash'),
        );
      } finally {
        logged.mockRestore();
        await t.close();
      }
    });
  });

  describe('given two processes apply the same run at once', () => {
    it('puts every decision on its order once and records each chunk once, in order', async () => {
      // the service's own saga dies at once: two other appliers, as in two processes, race on the run
      const faults = new AllocationSagaFaults(0);
      const t = await startTestApp({ dataDir, overrides: [{ provide: AllocationSagaFaults, useValue: faults }] });
      try {
        const round = await seedRound(t, { families: 30, capacity: 15 });
        const run = await runAllocation(t, round, 20);
        await cancelByStaff(t, run.decisions[50]);
        await approve(t, run.runId);
        await waitUntil('the saga dies', () => faults.tripped);

        const store = t.app.get(EventStore);
        const applier = () =>
          new AllocationApplier(store, t.app.get(Commands), t.app.get(Clock), new AllocationSagaFaults());
        // two start together, a third joins once the first chunk is recorded
        const together = [applier().apply(run.runId), applier().apply(run.runId)];
        await waitUntil('a chunk is recorded', async () => chunksOf(await processOf(store, run.runId)).length > 0);
        const outcomes = await Promise.all([...together, applier().apply(run.runId)]);
        expect(outcomes).toEqual(Array(3).fill({ runId: run.runId, status: 'Completed', applied: 119, skipped: 1 }));

        expectAppliedExactlyOnce(run, await decisionsOnOrders(store, run.runId), [run.decisions[50]]);
        const process = await processOf(store, run.runId);
        expect(process.map((e) => e.type)).toEqual([
          'AllocationApplicationStarted',
          ...Array(6).fill('AllocationChunkApplied'),
          'AllocationApplicationCompleted',
        ]);
        expect(chunksOf(process).map((e) => e.data.chunk)).toEqual([0, 1, 2, 3, 4, 5]);
      } finally {
        await t.close();
      }
    });
  });
});
