import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AllocationRuns } from '../../../src/application/allocation/allocation-runs.service';
import { AllocationVerifier } from '../../../src/application/allocation/allocation-verification';
import { ProjectionRunner } from '../../../src/application/projections/projection-runner';
import { systemContext } from '../../../src/application/shared/command-context';
import { toNewEvents } from '../../../src/application/shared/handle-command';
import { familyStream } from '../../../src/domain/family/family.decider';
import { bookingStream } from '../../../src/domain/order/booking.decider';
import { PRIMAIRE_LEVELS } from '../../../src/domain/shared/school';
import { EventStore } from '../../../src/event-store/event-store.port';
import { staffAuth } from '../../support/journey';
import { createProgram, definePhase, OPEN_PHASE, scheduleActivity } from '../../support/program.seeding';
import { startTestApp } from '../../support/test-app';
import { AFTER_PHASES, BEFORE_PHASES_AT, DURING_OPEN_AT } from './measure.dates';

jest.setTimeout(600_000);
const N = Number(process.env.MEASURE_N ?? 100_000);

it(`measures a run of ${N} pending reservations`, async () => {
  const t = await startTestApp({ now: BEFORE_PHASES_AT });
  const staff = await staffAuth(t);
  const programId = await createProgram(t, staff, { name: 'Bench', cycle: 'PRIMAIRE' });
  const activityCount = Math.max(5, Math.round(N / 200));
  const activities: string[] = [];
  const slots = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
  for (let i = 0; i < activityCount; i++) {
    activities.push(
      await scheduleActivity(t, staff, programId, {
        name: `Atelier ${i}`,
        slot: { weekday: slots[i % 5], start: '16:30', end: '17:30' },
        acceptedLevels: [...PRIMAIRE_LEVELS],
        capacity: 8 + (i % 25),
      }),
    );
  }
  const phaseId = await definePhase(t, staff, programId, OPEN_PHASE);
  t.clock.set(DURING_OPEN_AT);
  const store = t.app.get(EventStore);
  const now = t.clock.now().toISOString();
  const ctx = () => systemContext('bench', t.clock.now());
  const childCount = N / 5;
  const familyCount = childCount / 2;
  const appends: Promise<unknown>[] = [];
  const flush = async () => {
    await Promise.all(appends);
    appends.length = 0;
  };
  const started = performance.now();
  for (let f = 0; f < familyCount; f++) {
    const familyId = randomUUID();
    const events = [
      {
        type: 'FamilyRegistered',
        data: {
          familyId,
          accountId: randomUUID(),
          email: `p${f}@example.org`,
          guardians: [{ firstName: 'A', lastName: 'B', phone: '06 12 34 56 78' }],
          address: { line1: 'x', postalCode: '75000', city: 'Paris' },
          schoolYear: '2025-2026',
          registeredAt: now,
        },
      },
    ];
    const children: string[] = [];
    for (let c = 0; c < 2; c++) {
      const childId = randomUUID();
      children.push(childId);
      events.push({
        type: 'ChildAdded',
        data: {
          familyId,
          childId,
          firstName: 'Léa',
          lastName: 'B',
          birthDate: '2018-01-01',
          classLevel: PRIMAIRE_LEVELS[(f + c) % 5],
          schoolYear: '2025-2026',
          addedAt: now,
        },
      } as never);
    }
    const tier = f % 10 < 7 ? 1 : 2;
    events.push({
      type: 'AccountValidated',
      data: {
        familyId,
        schoolYear: '2025-2026',
        category: tier === 1 ? 'RETURNING_MEMBER' : 'NEW_FAMILY',
        tier,
        programIds: [programId],
        validatedBy: 's',
        validatedAt: now,
      },
    } as never);
    appends.push(
      store.appendToStream(familyStream(familyId), toNewEvents(familyStream(familyId), events, ctx()), {
        expectedRevision: 'no_stream',
      }),
    );
    for (const childId of children) {
      const orderId = randomUUID();
      const picked = new Set<string>();
      while (picked.size < 5) picked.add(activities[Math.floor(Math.random() * activities.length)]);
      const reservations = [...picked].map((activityId) => ({
        reservationId: `${orderId}:${activityId}`,
        activityId,
        name: 'Atelier',
        slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
        priceCents: 4500,
      }));
      const placed = {
        type: 'OrderPlaced',
        data: {
          orderId,
          childId,
          familyId,
          programId,
          phaseId,
          billing: { name: 'A B', address: { line1: 'x', line2: null, postalCode: '75000', city: 'Paris' } },
          reservations,
          moduleCount: 5,
          totalCents: 22500,
          placedAt: now,
        },
      };
      appends.push(
        store.appendToStream(bookingStream(childId), toNewEvents(bookingStream(childId), [placed], ctx()), {
          expectedRevision: 'no_stream',
        }),
      );
    }
    if (appends.length >= 2000) await flush();
  }
  await flush();
  await t.app.get(ProjectionRunner).waitFor(await store.headPosition(), 600_000);
  console.log(`seeded ${N} reservations in ${Math.round(performance.now() - started)} ms`);
  t.clock.set(AFTER_PHASES);
  await t
    .http()
    .post(`/programs/${programId}/phases/${phaseId}/close`)
    .set('Authorization', staff)
    .send({})
    .expect(200);

  const runs = t.app.get(AllocationRuns);
  const context = { ...systemContext('bench', t.clock.now()), actor: 'staff:bench' };
  const before = performance.now();
  const result = await runs.run(programId, phaseId, context);
  const total = Math.round(performance.now() - before);
  console.log(`run of ${result.requestCount} requests: ${total} ms ${JSON.stringify(result.timings)}`);
  const reportStarted = performance.now();
  await t.http().get(`/allocations/${result.runId}`).set('Authorization', staff).expect(200);
  console.log(`report: ${Math.round(performance.now() - reportStarted)} ms`);
  {
    const { allocationStream } = await import('../../../src/allocation/allocation-run.events');
    const { allocationRunDecider } = await import('../../../src/allocation/allocation-run.decider');
    const { recordedInput, recordedDecisions } = await import('../../../src/allocation/allocation-run.state');
    const { fold } = await import('../../../src/domain/shared/decider');
    const { verifyRun } = await import('../../../src/allocation/replay');
    const { allocate } = await import('../../../src/allocation/mechanisms');
    let at = performance.now();
    const lap = (what: string) => {
      const n = performance.now();
      console.log(`${what}: ${Math.round(n - at)} ms`);
      at = n;
    };
    const recorded = await store.readStream(allocationStream(result.runId));
    lap('readStream');
    const state = fold(allocationRunDecider, recorded as never[]) as any;
    lap('fold');
    const input = recordedInput(state.run);
    lap('input');
    allocate(input);
    lap('allocate');
    allocate(input);
    lap('allocate again');
    verifyRun(input, recordedDecisions(state.run));
    lap('verifyRun');
  }
  const verifyStarted = performance.now();
  const report = await t.app.get(AllocationVerifier).verify(result.runId);
  console.log(`verification: ${Math.round(performance.now() - verifyStarted)} ms, identical ${report.identical}`);
  await t.close();
});
