/**
 * npm run bench:store — appends per second on the SQLite event store against raw better-sqlite3
 * inserts of the same rows with the same durability (WAL, synchronous=FULL), in the same run.
 * Target (PRODUCT.md): store appends ≥ 50 % of raw inserts.
 *
 * Then the reads a command makes of the events after a revision it holds (nearly always none),
 * while the writer thread commits: the store's against the same SELECT on a connection of its
 * own (each commit of another connection empties a connection's page cache).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../src/event-store/event-store.port';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';

const SINGLE = Number(process.env.BENCH_SINGLE ?? 3000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 300);
const BATCH_SIZE = 100;
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 20000);

function event(i: number): NewEvent {
  return {
    type: 'ReservationPlaced',
    data: { reservationId: randomUUID(), activityId: `activity-${i % 500}`, childId: `child-${i}`, priceCents: 4500 },
    metadata: {
      eventId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: 'parent:bench',
      timestamp: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}

function rawDatabase(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const write = (stream: string, events: NewEvent[], from: number) =>
    db.transaction(() =>
      events.forEach((e, i) =>
        insert.run(stream, from + i, e.metadata.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)),
      ),
    )();
  return { db, write };
}

const perSecond = (count: number, started: bigint) => count / (Number(process.hrtime.bigint() - started) / 1e9);

interface Row {
  mode: string;
  store: number;
  raw: number;
}

/** the three ways of appending, on one store (`writer` says where it commits) */
async function measure(dir: string, writer: 'inline' | 'thread', raw: ReturnType<typeof rawDatabase>): Promise<Row[]> {
  const store = new SqliteEventStore(join(dir, `store-${writer}.sqlite`), { writer });
  const on = writer === 'thread' ? ', writer thread (the service)' : ', inline';
  const rows: Row[] = [];

  // one event per commit, one append after the other
  let started = process.hrtime.bigint();
  for (let i = 0; i < SINGLE; i++) raw.write(`s-${writer}-${i}`, [event(i)], 0);
  const rawSingle = perSecond(SINGLE, started);
  started = process.hrtime.bigint();
  for (let i = 0; i < SINGLE; i++) await store.appendToStream(`s-${i}`, [event(i)], { expectedRevision: 'no_stream' });
  rows.push({
    mode: `1 event per commit (${SINGLE} sequential appends)${on}`,
    store: perSecond(SINGLE, started),
    raw: rawSingle,
  });

  // batches of 100 events per append
  const batch = (b: number) => Array.from({ length: BATCH_SIZE }, (_, i) => event(b * BATCH_SIZE + i));
  started = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) raw.write(`b-${writer}-${b}`, batch(b), 0);
  const rawBatch = perSecond(BATCHES * BATCH_SIZE, started);
  started = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) await store.appendToStream(`b-${b}`, batch(b), { expectedRevision: 'no_stream' });
  rows.push({
    mode: `batches of ${BATCH_SIZE} events (${BATCHES} appends)${on}`,
    store: perSecond(BATCHES * BATCH_SIZE, started),
    raw: rawBatch,
  });

  // many concurrent single-event appends (the opening rush): the store commits them in groups;
  // the raw baseline is what one connection can do with one commit per row
  started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) =>
      store.appendToStream(`c-${i}`, [event(i)], { expectedRevision: 'no_stream' }),
    ),
  );
  rows.push({
    mode: `${CONCURRENT} concurrent 1-event appends (group commit)${on}`,
    store: perSecond(CONCURRENT, started),
    raw: rawSingle,
  });
  await store.close();
  return rows;
}

const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 2);

interface QuietReads {
  ordersPerTurn: number;
  reads: number;
  store: number;
  plain: number;
}

/**
 * µs per read of nothing new (the events after the revision a command holds), by the store and by
 * the same SELECT on a plain connection, while the writer thread commits the appends of the turn
 * before: as in the rush, each turn of the event loop appends `ordersPerTurn` orders and makes
 * their three reads each. The store reads its head position once per turn (`StreamHeads`).
 */
async function measureQuietReads(dir: string, ordersPerTurn: number): Promise<QuietReads> {
  const file = join(dir, `reads-${ordersPerTurn}.sqlite`);
  const store = new SqliteEventStore(file, { writer: 'thread' });
  const streams = Array.from({ length: 2000 }, (_, i) => `booking-${i}`);
  const revisions = new Map<string, number>();
  for (const stream of streams) {
    await store.appendToStream(stream, [0, 1, 2, 3, 4].map(event), { expectedRevision: 'no_stream' });
    revisions.set(stream, 4);
  }
  const plain = new Database(file, { readonly: true });
  const select = plain.prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision');
  // streams appended to in this turn are not read in it (their appends are in flight)
  let cursor = 0;
  const next = () => streams[cursor++ % streams.length];
  let storeNs = 0n;
  let plainNs = 0n;
  let reads = 0;
  let inFlight: Promise<unknown>[] = [];
  const until = Date.now() + READ_SECONDS * 1000;
  while (Date.now() < until) {
    const appends = Array.from({ length: ordersPerTurn }, () => {
      const stream = next();
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      return store.appendToStream(stream, [event(revision + 1)], { expectedRevision: revision });
    });
    for (let i = 0; i < 3 * ordersPerTurn; i++) {
      const stream = next();
      const from = (revisions.get(stream) ?? 0) + 1;
      let started = process.hrtime.bigint();
      const found = await store.readStream(stream, { fromRevision: from });
      storeNs += process.hrtime.bigint() - started;
      started = process.hrtime.bigint();
      const rows = select.all(stream, from);
      plainNs += process.hrtime.bigint() - started;
      if (found.length + rows.length > 0) throw new Error(`${stream}: events after ${from - 1}?`);
      reads++;
    }
    // the turn ends (the appends leave for the writer); those of the turn before are awaited
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(inFlight);
    inFlight = appends;
  }
  await Promise.all(inFlight);
  plain.close();
  await store.close();
  return { ordersPerTurn, reads, store: Number(storeNs) / reads / 1000, plain: Number(plainNs) / reads / 1000 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ateliers-bench-store-'));
  try {
    const raw = rawDatabase(join(dir, 'raw.sqlite'));
    const rows = [...(await measure(dir, 'inline', raw)), ...(await measure(dir, 'thread', raw))];
    raw.db.close();
    console.log('\nEvent store appends vs raw better-sqlite3 inserts (WAL, synchronous=FULL)\n');
    console.table(
      rows.map((r) => ({
        mode: r.mode,
        'store events/s': Math.round(r.store),
        'raw rows/s': Math.round(r.raw),
        ratio: `${Math.round((100 * r.store) / r.raw)} %`,
      })),
    );
    const worst = Math.min(...rows.map((r) => r.store / r.raw));
    console.log(`lowest ratio: ${Math.round(worst * 100)} % (target ≥ 50 %)`);
    console.log('\nReads of nothing new while the writer thread commits, µs per read\n');
    const quiet: QuietReads[] = [];
    for (const ordersPerTurn of [1, 4, 16]) quiet.push(await measureQuietReads(dir, ordersPerTurn));
    console.table(
      quiet.map((q) => ({
        'orders per turn': q.ordersPerTurn,
        reads: q.reads,
        'the store µs': q.store.toFixed(1),
        'a plain connection µs': q.plain.toFixed(1),
      })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
