/**
 * npm run bench:projections — builds a realistic event history (the seeded association, then
 * orders and allocation decisions through the real deciders) and rebuilds every read model from
 * zero with the same runner the service uses; prints events/s. Target (PRODUCT.md) ≥ 20,000.
 * Then what live events cost when written 30, 300 or 1,000 to a transaction (`liveBatches`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyAll, ProjectionRunner } from '../src/application/projections/projection-runner';
import { CommandContext } from '../src/application/shared/command-context';
import { handleCommand } from '../src/application/shared/handle-command';
import { bookingDecider, bookingStream } from '../src/domain/order/booking.decider';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../src/projections/all-projections';
import type { RecordedEvent } from '../src/event-store/event-store.port';
import { type Projection, setupIndexes, setupTables } from '../src/projections/projection';
import { ReadDatabase } from '../src/projections/read-database';
import { seedAssociation } from './http/seed-association';

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 2000);
const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 3000);
const ORDERS_PER_CHILD = Number(process.env.BENCH_ORDERS_PER_CHILD ?? 6);
const billing = { name: 'Camille Martin', address: { line1: '1 rue Victor Hugo', postalCode: '75015', city: 'Paris' } };

async function main(): Promise<void> {
  const keep = process.env.BENCH_KEEP_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'ateliers-bench-projections-'));
  try {
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const now = new Date();
    const association = await seedAssociation(store, { families: FAMILIES, children: CHILDREN, now });
    const at = new Date(now.getTime() + 2000).toISOString();
    const context = (): CommandContext => ({
      commandId: randomUUID(),
      correlationId: 'bench',
      causationId: 'bench',
      actor: 'system:bench',
      now,
    });
    console.log(`writing ${ORDERS_PER_CHILD} orders of 2 activities per child, then their decisions…`);
    await Promise.all(
      association.families.flatMap((family) =>
        family.children.map(async (child) => {
          const program = association.programs.find((p) => p.programId === child.programId)!;
          const run = (data: object) =>
            handleCommand(store, bookingStream(child.childId), bookingDecider, data as never, context());
          const phaseId = randomUUID();
          for (let o = 0; o < ORDERS_PER_CHILD; o++) {
            const pair = program.activities.slice(2 * o, 2 * o + 2);
            for (const activity of pair) {
              await run({
                type: 'AddActivity',
                data: {
                  childId: child.childId,
                  familyId: family.familyId,
                  activity: { ...activity, programId: program.programId },
                  child: { classLevel: child.classLevel, firstName: 'Enfant' },
                  now: at,
                },
              });
            }
            const orderId = randomUUID();
            await run({
              type: 'PlaceOrder',
              data: {
                orderId,
                childId: child.childId,
                familyId: family.familyId,
                programId: program.programId,
                billing,
                phase: { phaseId, admitsFamily: true },
                now: at,
              },
            });
            for (const [i, activity] of pair.entries()) {
              const decision =
                i === 0
                  ? { outcome: 'RESERVED', rank: 1, lotteryNumber: 'ab' }
                  : { outcome: 'REJECTED', reason: 'CAPACITY', rank: 30, lotteryNumber: 'cd' };
              await run({
                type: 'DecideReservation',
                data: {
                  childId: child.childId,
                  reservationId: `${orderId}:${activity.activityId}`,
                  runId: phaseId,
                  decision,
                  now: at,
                },
              });
            }
          }
        }),
      ),
    );
    const head = (await store.headPosition()) ?? 0;
    const read = new ReadDatabase(join(dir, 'read-models.sqlite'));
    const projections = allProjections();
    const started = process.hrtime.bigint();
    const events = await new ProjectionRunner(store, read, projections).rebuild();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `\n${head} events in the store; rebuilt ${projections.length} read models from ${events} events in ${seconds.toFixed(2)} s`,
    );
    console.log(`rebuild: ${Math.round(events / seconds)} events/s (target ≥ 20,000)`);
    // where the time goes: each read model rebuilt alone
    const rows = [];
    for (const projection of projections) {
      const t0 = process.hrtime.bigint();
      await new ProjectionRunner(store, read, [projection]).rebuild();
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      rows.push({
        'read model': projection.name,
        seconds: Number(s.toFixed(2)),
        'events/s alone': Math.round(events / s),
      });
    }
    const t0 = process.hrtime.bigint();
    await new ProjectionRunner(store, read, []).rebuild();
    const readOnly = Number(process.hrtime.bigint() - t0) / 1e9;
    rows.push({
      'read model': '(reading the store only)',
      seconds: Number(readOnly.toFixed(2)),
      'events/s alone': Math.round(events / readOnly),
    });
    console.table(rows);
    read.close();
    console.log(
      '\nlive events written in transactions of n events (the first half of the history loaded, then the next 12,000):',
    );
    const history = await store.readAll({});
    console.table(LIVE_BATCHES.map((n) => liveBatches(join(dir, `live-${n}.sqlite`), projections, history, n)));
    await store.close();
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** transaction sizes of the live comparison: a group commit's events during the rush, and larger batches */
const LIVE_BATCHES = [30, 300, 1000];

/**
 * CPU and bytes written per event when live events are written `n` to a transaction, after the
 * first half of the history was loaded (in one transaction, then the indexes), as the
 * read-model thread does once caught up. Why the runner holds live events until someone waits
 * for them or READ_MODELS_MAX_DELAY_MS passes (docs/performance.md).
 */
function liveBatches(file: string, projections: Projection[], history: RecordedEvent[], n: number) {
  const read = new ReadDatabase(file);
  const db = read.db;
  const apply = (events: RecordedEvent[]) =>
    db.transaction(() => {
      for (const projection of projections) applyAll(db, projection, events, 0);
    })();
  for (const projection of projections) setupTables(db, projection);
  const half = Math.floor(history.length / 2);
  apply(history.slice(0, half));
  db.transaction(() => projections.forEach((projection) => setupIndexes(db, projection)))();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const live = history.slice(half, half + 12_000);
  const written = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
  const bytesBefore = written();
  const cpu = process.cpuUsage();
  for (let i = 0; i < live.length; i += n) apply(live.slice(i, i + n));
  const { user, system } = process.cpuUsage(cpu);
  read.close();
  return {
    'events per transaction': n,
    'CPU µs per event': Math.round((user + system) / live.length),
    'of which the kernel': Math.round(system / live.length),
    'KB written per event (Linux)': Number(((written() - bytesBefore) / 1024 / live.length).toFixed(1)),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
