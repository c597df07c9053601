/**
 * npm run bench:allocation — PRODUCT.md targets (2 cores): 100,000 pending reservations
 * (20,000 children, 500 activities) decided and recorded in ≤ 10 s; 1,000,000 decided in memory
 * in ≤ 10 s.
 *
 * 1. Writes a closed round straight into a fresh embedded store: one PRIMAIRE program of 500
 *    activities, 10,000 validated families of both tiers with 20,000 children, one order of
 *    5 activities per child (one per weekday, so that no two clash), the phase closed with the
 *    commitment of a seed kept in the seed vault, as the close route does.
 * 2. Starts the real application in-process, lets the read models catch up, and times
 *    `AllocationRuns.run` — the same service the staff route calls.
 * 3. Decides 1,000,000 synthetic requests in memory (bench/allocation-mechanism.ts).
 *
 * BENCH_KEEP_DIR=<dir> keeps the data directory (it must be empty or absent).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  allocationStream,
  type AllocationInputsRecorded,
  type AllocationProposed,
  type AllocationRunStarted,
} from '../src/allocation/allocation-run.events';
import { allocate } from '../src/allocation/mechanisms';
import { AppModule } from '../src/app.module';
import { AllocationRuns } from '../src/application/allocation/allocation-runs.service';
import { validateConfig } from '../src/application/config/app-config';
import { Metrics } from '../src/application/metrics/metrics';
import { ProgramFacts } from '../src/application/programs/program-facts';
import { ProjectionRunner } from '../src/application/projections/projection-runner';
import { SeedVault } from '../src/application/seeds/seed-vault';
import { systemContext, type CommandContext } from '../src/application/shared/command-context';
import { handleCommand, toNewEvents } from '../src/application/shared/handle-command';
import { familyDecider, familyStream, type FamilyCommand } from '../src/domain/family/family.decider';
import { bookingStream } from '../src/domain/order/booking.decider';
import type { OrderedReservation, OrderPlaced } from '../src/domain/order/order.events';
import { reservationIdOf } from '../src/domain/order/reservation';
import { programDecider, programStream, type ProgramCommand } from '../src/domain/program/program.decider';
import { PRIMAIRE_LEVELS, type FamilyCategory } from '../src/domain/shared/school';
import { WEEKDAYS, type Slot } from '../src/domain/shared/slot';
import { EventStore, type RecordedEvent } from '../src/event-store/event-store.port';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { benchMechanism, mulberry32 } from './allocation-mechanism';

const FAMILIES = 10_000;
const CHILDREN = 20_000;
const ACTIVITIES = 500;
/** one activity per weekday, Monday to Friday: a child's order never holds two clashing slots */
const DAYS = WEEKDAYS.slice(0, 5);
const IN_MEMORY_REQUESTS = 1_000_000;
const TARGET_SECONDS = 10;

const SCHOOL_YEAR = '2025-2026';
const PROGRAM_CREATED_AT = '2025-05-26T08:00:00.000Z';
const PHASE_OPENS_AT = '2025-06-02T06:00:00.000Z';
const PHASE_CLOSES_AT = '2025-06-13T16:00:00.000Z';
const PHASE_CLOSED_AT = '2025-06-14T07:00:00.000Z';
const TIMES = [
  ['12:00', '13:00'],
  ['16:30', '17:30'],
  ['16:30', '18:00'],
  ['17:30', '18:30'],
] as const;
const BILLING = {
  name: 'Camille Martin',
  address: { line1: '1 rue Victor Hugo', line2: null, postalCode: '75015', city: 'Paris' },
};

type PrimaireLevel = (typeof PRIMAIRE_LEVELS)[number];

interface BenchActivity {
  activityId: string;
  name: string;
  slot: Slot;
  priceCents: number;
  acceptedLevels: PrimaireLevel[];
  capacity: number;
  /** relative demand: a few activities are wanted by many, some have seats to spare */
  popularity: number;
}

interface BenchChild {
  childId: string;
  classLevel: PrimaireLevel;
}

interface BenchFamily {
  familyId: string;
  accountId: string;
  category: FamilyCategory;
  children: BenchChild[];
}

interface Round {
  programId: string;
  phaseId: string;
  activities: BenchActivity[];
  families: BenchFamily[];
  reservations: number;
  events: number;
}

const random = mulberry32(20250614);
const seconds = (from: number, to = performance.now()) => (to - from) / 1000;
const count = (n: number) => n.toLocaleString('en');
const context = (now: string, actor = 'staff:bench'): CommandContext => ({
  commandId: randomUUID(),
  correlationId: 'bench-allocation',
  causationId: 'bench-allocation',
  actor,
  now: new Date(now),
});

async function main(): Promise<void> {
  const keep = process.env.BENCH_KEEP_DIR;
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'ateliers-bench-allocation-'));
  mkdirSync(dataDir, { recursive: true });
  try {
    const round = await writeHistory(dataDir);
    await runAllocation(dataDir, round);
  } finally {
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
  const { seconds: inMemory, cpuSeconds, counts } = await benchMechanism(IN_MEMORY_REQUESTS);
  console.log(
    `\ndecided ${count(IN_MEMORY_REQUESTS)} in memory in ${inMemory.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s)` +
      ` — process cpu ${cpuSeconds.toFixed(2)} s; ${count(counts.RESERVED)} reserved,` +
      ` ${count(counts.CAPACITY)} refused for capacity, ${count(counts.INELIGIBLE)} ineligible`,
  );
}

/** Step 1: the closed round, written before the application starts. */
async function writeHistory(dataDir: string): Promise<Round> {
  const started = performance.now();
  const config = validateConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
  const programId = randomUUID();
  const phaseId = randomUUID();
  const activities = planActivities();
  const families = planFamilies();

  const program = (command: ProgramCommand, now: string) =>
    handleCommand(store, programStream(programId), programDecider, command, context(now));
  await program(
    {
      type: 'CreateProgram',
      data: {
        programId,
        name: `Activités Primaires ${SCHOOL_YEAR}`,
        cycle: 'PRIMAIRE',
        schoolYear: SCHOOL_YEAR,
        typicalWeek: { from: '2025-09-08', to: '2025-09-12' },
        createdBy: 'staff:bench',
        createdAt: PROGRAM_CREATED_AT,
      },
    },
    PROGRAM_CREATED_AT,
  );
  for (const { popularity: _, ...activity } of activities) {
    await program({ type: 'ScheduleActivity', data: { ...activity, now: PROGRAM_CREATED_AT } }, PROGRAM_CREATED_AT);
  }
  await program(
    {
      type: 'DefineBookingPhase',
      data: {
        phaseId,
        name: 'Phase ouverte à tous',
        opensAt: PHASE_OPENS_AT,
        closesAt: PHASE_CLOSES_AT,
        admittedTiers: [1, 2],
        now: PROGRAM_CREATED_AT,
      },
    },
    PROGRAM_CREATED_AT,
  );
  const programWritten = performance.now();

  // families in parallel (each one's commands in order): the store's group commit writes a batch per transaction
  for (let i = 0; i < families.length; i += 2_000) {
    await Promise.all(families.slice(i, i + 2_000).map((family) => writeFamily(store, programId, family)));
  }
  const familiesWritten = performance.now();

  // The orders are appended as OrderPlaced events built here, not decided through AddActivity×5 +
  // PlaceOrder: 120,000 more commands, each folding its stream, would make the generation, not
  // the allocation, the bench's time. They have the shape decidePlaceOrder gives them.
  const offer = offerByDayAndLevel(activities);
  let reservations = 0;
  const orders = families.flatMap((family) => family.children.map((child) => ({ family, child })));
  for (let i = 0; i < orders.length; i += 5_000) {
    await Promise.all(
      orders.slice(i, i + 5_000).map(({ family, child }) => {
        const event = orderOf(family, child, programId, phaseId, offer);
        reservations += event.data.reservations.length;
        const streamId = bookingStream(child.childId);
        const placed = context(event.data.placedAt, `parent:${family.accountId}`);
        return store.appendToStream(streamId, toNewEvents(streamId, [event], placed), {
          expectedRevision: 'no_stream',
        });
      }),
    );
  }
  const ordersWritten = performance.now();

  // as the close route does: the seed is drawn and vaulted first, then its commitment is recorded
  const vault = new SeedVault(config, new ProgramFacts(store));
  const candidate = randomBytes(32).toString('hex');
  const vaulted = vault.keep(programId, phaseId, candidate, new Date(PHASE_CLOSED_AT));
  await program(
    { type: 'CloseBookingPhase', data: { phaseId, seedCommitment: vaulted.commitment, now: PHASE_CLOSED_AT } },
    PHASE_CLOSED_AT,
  );
  vault.onApplicationShutdown();

  const events = (await store.headPosition()) ?? 0;
  await store.close();
  const seats = activities.reduce((total, a) => total + a.capacity, 0);
  const newFamilies = families.filter((f) => f.category === 'NEW_FAMILY').length;
  console.log(
    `history: 1 program of ${ACTIVITIES} activities (${count(seats)} seats), ${count(families.length)} validated families` +
      ` (${count(families.length - newFamilies)} returning members, ${count(newFamilies)} new families),` +
      ` ${count(orders.length)} children, ${count(reservations)} pending reservations;` +
      ` ${count(events)} events written in ${seconds(started).toFixed(2)} s` +
      ` (program ${seconds(started, programWritten).toFixed(2)} s, families ${seconds(programWritten, familiesWritten).toFixed(2)} s,` +
      ` orders ${seconds(familiesWritten, ordersWritten).toFixed(2)} s)`,
  );
  return { programId, phaseId, activities, families, reservations, events };
}

/** Step 2: the real application, in-process, on that data directory. */
async function runAllocation(dataDir: string, round: Round): Promise<void> {
  const booting = performance.now();
  // the read models catch up from zero while the application bootstraps (ProjectionRunner.start)
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    { logger: ['error', 'warn'] },
  );
  try {
    const booted = performance.now();
    const store = app.get(EventStore);
    const projections = app.get(ProjectionRunner);
    const head = await store.headPosition();
    await projections.waitFor(head, 120_000);
    console.log(
      `app started in ${seconds(booting).toFixed(2)} s, read models caught up with ${count(head ?? 0)} events` +
        ` (bootstrap ${seconds(booting, booted).toFixed(2)} s, then waitFor(head) ${seconds(booted).toFixed(2)} s)`,
    );

    const runs = app.get(AllocationRuns);
    const metrics = app.get(Metrics);
    const appendedBefore = await appendSeconds(metrics);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await runs.run(round.programId, round.phaseId, systemContext('bench', new Date()));
    const total = seconds(started);
    const cpu = process.cpuUsage(cpuBefore);
    const appending = (await appendSeconds(metrics)) - appendedBefore;
    // Commands.settled only logs a read model that lags more than 10 s: make sure the time above included it
    const caughtUp = projections.checkpoint >= (result.position ?? 0);
    const lagStarted = performance.now();
    if (!caughtUp) await projections.waitFor(result.position, 120_000);
    const lag = seconds(lagStarted);

    const recorded = await store.readStream(allocationStream(result.runId));
    const bytes = recorded.reduce((sum, e) => sum + JSON.stringify(e.data).length, 0);
    const proposed = recorded[recorded.length - 1] as unknown as AllocationProposed;
    const { fairness } = proposed.data.summary;
    const { gatherMs, decideAndRecordMs } = result.timings;
    const deciding = timeDecisions(recorded);
    console.log(`\nallocation run ${result.runId} (AllocationRuns.run, in-process)`);
    console.log(`  requests               ${count(result.requestCount)}`);
    console.log(`  gather                 ${(gatherMs / 1000).toFixed(2)} s`);
    console.log(`  decide and record      ${(decideAndRecordMs / 1000).toFixed(2)} s`);
    console.log(
      `    of which              ≈ ${deciding.toFixed(2)} s deciding (allocate again on the recorded inputs),` +
        ` ${appending.toFixed(2)} s appending (event_store_append_duration_seconds),` +
        ` ≈ ${(decideAndRecordMs / 1000 - deciding - appending).toFixed(2)} s the rest (read models, chunking)`,
    );
    console.log(
      `  total                  ${total.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s)` +
        ` — process cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
    );
    console.log(
      `  events written         ${recorded.length} (${(bytes / 1e6).toFixed(1)} MB of event data, ${count(round.events)} before)`,
    );
    console.log(
      `  outcome                ${count(fairness.seated)} reserved of ${count(fairness.requests)};` +
        ` ${count(fairness.childrenWithNoneSeated)} of ${count(fairness.children)} children with none;` +
        ` tier 1 ${(100 * fairness.byTier[1].shareSeated).toFixed(1)} % seated, tier 2 ${(100 * fairness.byTier[2].shareSeated).toFixed(1)} %`,
    );
    if (!caughtUp) {
      console.log(
        `  WARNING: the read models were still behind when run() returned; they caught up ${lag.toFixed(2)} s later`,
      );
    }
    if (result.requestCount !== round.reservations) {
      throw new Error(`the run gathered ${result.requestCount} requests, ${round.reservations} were placed`);
    }
  } finally {
    await app.close();
  }
}

/** the store's own measure of its appends: the sum of the histogram */
async function appendSeconds(metrics: Metrics): Promise<number> {
  const { values } = await metrics.appendDuration.get();
  return values
    .filter((v) => v.metricName === 'event_store_append_duration_seconds_sum')
    .reduce((sum, v) => sum + v.value, 0);
}

/** The mechanism alone, on the inputs the run recorded: what `decide` spent of the run's time. */
function timeDecisions(recorded: readonly RecordedEvent[]): number {
  const header = recorded[0] as unknown as AllocationRunStarted;
  const requests = recorded
    .filter((e) => e.type === 'AllocationInputsRecorded')
    .flatMap((e) => (e as unknown as AllocationInputsRecorded).data.requests);
  const { mechanismVersion, seed, activities } = header.data;
  const started = performance.now();
  allocate({ mechanismVersion, seed, activities, requests });
  return seconds(started);
}

function planActivities(): BenchActivity[] {
  return Array.from({ length: ACTIVITIES }, (_, i) => {
    const [start, end] = TIMES[Math.floor(random() * TIMES.length)];
    const levels = PRIMAIRE_LEVELS.filter(() => random() < 0.7);
    return {
      activityId: randomUUID(),
      name: `Atelier ${String(i + 1).padStart(3, '0')}`,
      slot: { weekday: DAYS[i % DAYS.length], start, end },
      priceCents: 15_000 + 1_000 * Math.floor(random() * 11),
      acceptedLevels: levels.length > 0 ? levels : [PRIMAIRE_LEVELS[i % PRIMAIRE_LEVELS.length]],
      capacity: 10 + Math.floor(random() * 31),
      // skewed: about 200 requests per activity on average, from a handful to several hundred
      popularity: random() ** 3,
    };
  });
}

/** One child per family, then the others to families of fewer than 4; 70 % returning members. */
function planFamilies(): BenchFamily[] {
  const families: BenchFamily[] = Array.from({ length: FAMILIES }, () => ({
    familyId: randomUUID(),
    accountId: randomUUID(),
    category: random() < 0.7 ? 'RETURNING_MEMBER' : 'NEW_FAMILY',
    children: [],
  }));
  const child = (): BenchChild => ({
    childId: randomUUID(),
    classLevel: PRIMAIRE_LEVELS[Math.floor(random() * PRIMAIRE_LEVELS.length)],
  });
  for (const family of families) family.children.push(child());
  for (let added = FAMILIES; added < CHILDREN;) {
    const family = families[Math.floor(random() * FAMILIES)];
    if (family.children.length >= 4) continue;
    family.children.push(child());
    added++;
  }
  return families;
}

/** RegisterFamily, AddChild per child, ValidateAccount: through the family decider, as the routes do. */
async function writeFamily(store: EventStore, programId: string, family: BenchFamily): Promise<void> {
  const { familyId, accountId } = family;
  const at = PROGRAM_CREATED_AT;
  const run = (command: FamilyCommand) =>
    handleCommand(store, familyStream(familyId), familyDecider, command, context(at));
  const lastName = `Martin-${familyId.slice(0, 8)}`;
  await run({
    type: 'RegisterFamily',
    data: {
      familyId,
      accountId,
      email: `famille-${familyId}@bench.example`,
      guardians: [{ firstName: 'Camille', lastName, phone: '+33612345678' }],
      address: { line1: '1 rue Victor Hugo', postalCode: '75015', city: 'Paris' },
      schoolYear: SCHOOL_YEAR,
      registeredAt: at,
    },
  });
  for (const [c, { childId, classLevel }] of family.children.entries()) {
    await run({
      type: 'AddChild',
      data: {
        childId,
        firstName: `Enfant${c + 1}`,
        lastName,
        birthDate: `${2019 - PRIMAIRE_LEVELS.indexOf(classLevel)}-03-04`,
        classLevel,
        addedAt: at,
      },
    });
  }
  await run({
    type: 'ValidateAccount',
    data: {
      schoolYear: SCHOOL_YEAR,
      category: family.category,
      programIds: [programId],
      validatedBy: 'staff:bench',
      validatedAt: at,
    },
  });
}

interface Offer {
  activities: BenchActivity[];
  /** cumulative popularity, for a weighted pick */
  cumulative: number[];
}

/** What AddActivity would let a child of each level ask for, day by day. */
function offerByDayAndLevel(activities: BenchActivity[]): Map<string, Offer> {
  const offers = new Map<string, Offer>();
  for (const day of DAYS) {
    for (const level of PRIMAIRE_LEVELS) {
      const open = activities.filter((a) => a.slot.weekday === day && a.acceptedLevels.includes(level));
      if (open.length === 0) throw new Error(`no activity for ${level} on ${day}`);
      let sum = 0;
      offers.set(`${day}/${level}`, { activities: open, cumulative: open.map((a) => (sum += a.popularity)) });
    }
  }
  return offers;
}

function pick({ activities, cumulative }: Offer): BenchActivity {
  const target = random() * cumulative[cumulative.length - 1];
  let [low, high] = [0, cumulative.length - 1];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle] < target) low = middle + 1;
    else high = middle;
  }
  return activities[low];
}

/** The order of one child: one activity per weekday, each accepting the child's level. */
function orderOf(
  family: BenchFamily,
  child: BenchChild,
  programId: string,
  phaseId: string,
  offer: Map<string, Offer>,
): OrderPlaced {
  const orderId = randomUUID();
  const reservations: OrderedReservation[] = DAYS.map((day) => {
    const { activityId, name, slot, priceCents } = pick(offer.get(`${day}/${child.classLevel}`)!);
    return { reservationId: reservationIdOf(orderId, activityId), activityId, name, slot, priceCents };
  });
  const opens = Date.parse(PHASE_OPENS_AT);
  const placedAt = new Date(opens + Math.floor(random() * (Date.parse(PHASE_CLOSES_AT) - opens))).toISOString();
  return {
    type: 'OrderPlaced',
    data: {
      orderId,
      childId: child.childId,
      familyId: family.familyId,
      programId,
      phaseId,
      billing: BILLING,
      reservations,
      moduleCount: reservations.length,
      totalCents: reservations.reduce((total, r) => total + r.priceCents, 0),
      placedAt,
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
