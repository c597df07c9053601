/**
 * npm run bench:http — the opening rush. Starts the built service on a fresh embedded store,
 * seeds an association (2,000 validated families, 3,000 children, two programs of 40
 * activities, a phase open now), then drives the real HTTP API with 64 connections: sign-in of
 * every family, then rounds of AddActivity (two lines per child) and PlaceOrder (one order per
 * child). Prints orders/s, p50/p99 latency and errors, and the throughput of a trivial route
 * measured in the same run (the ceiling: a slice just before each PlaceOrder round). Targets
 * (PRODUCT.md): ≥ 1,000 orders/s, ≥ 40 % of the ceiling, p99 ≤ 100 ms, zero errors.
 */
import autocannon from 'autocannon';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READ_MODELS_THREAD_NAME } from '../../src/application/projections/projection-worker.messages';
import { CHECKPOINTER_THREAD_NAME } from '../../src/event-store/sqlite/sqlite-checkpointer';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { WRITER_THREAD_NAME } from '../../src/event-store/sqlite/sqlite-writer.messages';
import { PASSWORD, SeededAssociation, seedAssociation } from './seed-association';
import { freePort, startService } from './service-process';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 2000);
const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 10);

interface Job {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  onBody?: (body: string) => void;
}

let servicePid: number | undefined;

/** where the service's CPU time goes: each process's main thread and its other threads */
type CpuSplit = Record<string, number>;

/**
 * CPU seconds used so far by each thread of the service, summed by role: `primary` is the
 * process the bench started (the whole service when HTTP_WORKERS=1), `workers` its children;
 * `main` their main threads, `others` the rest (the read models' thread, V8's compilers and GC
 * helpers, libuv's pool). From /proc/<pid>/task/<tid>/schedstat; empty where there is no /proc.
 */
function cpuSplit(pid: number, role = 'primary'): CpuSplit {
  const split: CpuSplit = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const key = `${role} ${tid === String(pid) ? 'main' : 'others'}`;
      // schedstat: time on a core, time runnable but waiting for one, in ns
      const [onCpuNs, waitingNs] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      split[key] = (split[key] ?? 0) + onCpuNs / 1e9;
      if (tid !== String(pid)) {
        // the service names its own threads (nameThisThread); V8's and libuv's keep the process's name
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const thread = `${OTHERS}${THREAD_NAMES.includes(name) ? name : UNNAMED}`;
        split[thread] = (split[thread] ?? 0) + onCpuNs / 1e9;
      }
      const waiting = `${role} main waiting for a core`;
      if (tid === String(pid)) split[waiting] = (split[waiting] ?? 0) + waitingNs / 1e9;
    }
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
    for (const child of children) {
      for (const [key, seconds] of Object.entries(cpuSplit(Number(child), 'workers'))) {
        split[key] = (split[key] ?? 0) + seconds;
      }
    }
  } catch {
    // no /proc, or a thread ended while it was read: the split is left incomplete
  }
  return split;
}

const SPLIT_COLUMNS = ['primary main', 'primary others', 'workers main', 'workers others'];
/** the service's other threads, by name, every process together */
const OTHERS = 'others: ';
const THREAD_NAMES = [READ_MODELS_THREAD_NAME, WRITER_THREAD_NAME, CHECKPOINTER_THREAD_NAME];
const UNNAMED = 'V8 & libuv';
/** not CPU time: the main threads' time spent ready to run while every core was taken */
const WAITING_COLUMNS = ['primary main waiting for a core', 'workers main waiting for a core'];

/** a table's columns from a CPU split: each of `columns` that it holds (under `keyOf(column)`), in ms */
function msColumns(
  split: CpuSplit | undefined,
  columns: readonly string[],
  keyOf = (column: string) => column,
): Record<string, string> {
  return Object.fromEntries(
    columns.flatMap((column) => {
      const ms = split?.[keyOf(column)];
      return ms === undefined ? [] : [[column, ms.toFixed(2)]];
    }),
  );
}

/** the CPU split per request, in ms, between two readings */
function splitPerRequest(before: CpuSplit, after: CpuSplit, requests: number): CpuSplit {
  return Object.fromEntries(
    Object.entries(after).map(([key, seconds]) => [key, (1000 * (seconds - (before[key] ?? 0))) / requests]),
  );
}

/** the machine's CPU time so far (all cores, in clock ticks): busy, idle, and stolen by the host */
function machineCpu(): { busy: number; idle: number; steal: number } | undefined {
  try {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
  } catch {
    return undefined; // no /proc
  }
}

/**
 * Starts counting the service's CPU time, the load generator's (this process) and the machine's:
 * the returned function gives the service's per request, in ms, in all and by thread, the load
 * generator's per request, and how busy the machine's cores were (the service, the load generator
 * and anything else) and how much the host took from them.
 */
function cpuClock(): (requests: number) => Pick<PhaseResult, 'cpuMs' | 'cpuSplit' | 'machine' | 'generatorCpuMs'> {
  const pid = servicePid;
  const before = pid === undefined ? undefined : cpuSplit(pid);
  const machineBefore = machineCpu();
  const generatorBefore = process.cpuUsage();
  return (requests) => {
    const machineAfter = machineCpu();
    const generator = process.cpuUsage(generatorBefore);
    const generatorCpuMs = (generator.user + generator.system) / 1000 / requests;
    let machine: PhaseResult['machine'];
    if (machineBefore !== undefined && machineAfter !== undefined) {
      const busy = machineAfter.busy - machineBefore.busy;
      const steal = machineAfter.steal - machineBefore.steal;
      const total = busy + steal + machineAfter.idle - machineBefore.idle;
      if (total > 0) machine = { busyPercent: (100 * busy) / total, stealPercent: (100 * steal) / total };
    }
    if (pid === undefined || before === undefined) return { machine, generatorCpuMs };
    const split = splitPerRequest(before, cpuSplit(pid), requests);
    const values = SPLIT_COLUMNS.flatMap((key) => split[key] ?? []);
    return {
      machine,
      generatorCpuMs,
      cpuSplit: split,
      cpuMs: values.length > 0 ? values.reduce((sum, ms) => sum + ms, 0) : undefined,
    };
  };
}

interface PhaseResult {
  name: string;
  /** CPU time the service (every process) spent per request, in ms */
  cpuMs?: number;
  /** the same, by process and thread */
  cpuSplit?: CpuSplit;
  /** the service's garbage collections during the phase (its main thread), from /metrics */
  gc?: GcTotals;
  /** CPU time the load generator (this process: autocannon and the bench) spent per request, in ms */
  generatorCpuMs?: number;
  /** the machine's cores during the phase: % busy, and % taken by the host (steal) */
  machine?: { busyPercent: number; stealPercent: number };
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** the slowest first response on a new connection (runJobs): the wait to be accepted */
  connectMax?: number;
  errors: number;
}

/** garbage collection by kind (prom-client's `kind` label): seconds and count */
type GcTotals = Record<string, { seconds: number; count: number }>;

/**
 * The service's garbage collections so far, by kind, as its /metrics gives them
 * (`nodejs_gc_duration_seconds`: `minor` the young generation's scavenges, `incremental` the
 * marking steps of a full collection, `major` its final pauses); undefined if they cannot be read.
 */
async function gcTotals(url: string): Promise<GcTotals | undefined> {
  try {
    const text = await fetch(`${url}/metrics`).then((r) => r.text());
    const totals: GcTotals = {};
    for (const [, field, kind, value] of text.matchAll(
      /^nodejs_gc_duration_seconds_(sum|count)\{kind="(\w+)"\} (\S+)$/gm,
    )) {
      const entry = (totals[kind] ??= { seconds: 0, count: 0 });
      if (field === 'sum') entry.seconds = Number(value);
      else entry.count = Number(value);
    }
    // none: the metric is not there (renamed, or default metrics off)
    return Object.keys(totals).length > 0 ? totals : undefined;
  } catch {
    return undefined;
  }
}

/** the collections between two readings */
function gcBetween(before: GcTotals | undefined, after: GcTotals | undefined): GcTotals | undefined {
  if (before === undefined || after === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(after).map(([kind, { seconds, count }]) => [
      kind,
      { seconds: seconds - (before[kind]?.seconds ?? 0), count: count - (before[kind]?.count ?? 0) },
    ]),
  );
}

/** the q-quantile of some latencies, in ms (nearest rank) */
function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Runs a list of requests, each once, over CONNECTIONS connections, as parents already on the
 * site: each connection first opens with `GET /health/live` (a parent's earlier page), then takes
 * jobs. The phase's latencies are the jobs' own, timed from the moment each request is written;
 * the opening requests are timed apart (`connect`): their wait is the service accepting a new
 * connection, which Node does one per turn of its event loop (see docs/performance.md).
 */
async function runJobs(url: string, name: string, jobs: Job[]): Promise<PhaseResult> {
  let built = 0;
  let next = 0;
  const failures: string[] = [];
  const latencies: number[] = [];
  const connects: number[] = [];
  // autocannon reports the duration of a fixed amount of requests on its next one-second tick:
  // the phase's own clock runs from the start (connections included) to the last response
  const started = performance.now();
  const cpuPerRequest = cpuClock();
  let lastResponse = started;
  interface Context {
    job?: Job;
    sentAt?: number;
  }
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: jobs.length + CONNECTIONS,
    requests: [
      {
        // autocannon builds each connection's first request when it creates the connections,
        // then the next one as it writes it (the context is new for every request)
        setupRequest: (request, context: Context) => {
          context.sentAt = performance.now();
          if (built++ < CONNECTIONS) return { ...request, method: 'GET', path: '/health/live' };
          const job = jobs[next++ % jobs.length];
          context.job = job;
          return {
            ...request,
            method: job.method,
            path: job.path,
            headers: { 'content-type': 'application/json', ...job.headers },
            body: job.body === undefined ? undefined : JSON.stringify(job.body),
          };
        },
        onResponse: (status: number, body: string, context: Context) => {
          lastResponse = performance.now();
          (context.job === undefined ? connects : latencies).push(lastResponse - (context.sentAt ?? started));
          if (status >= 300 && failures.length < 5)
            failures.push(`${status} ${context.job?.path ?? '/health/live'}: ${body.slice(0, 200)}`);
          context.job?.onBody?.(body);
        },
      },
    ],
  });
  if (failures.length > 0) console.log(`  first failures in ${name}:\n   ${failures.join('\n   ')}`);
  if (latencies.length !== jobs.length) {
    throw new Error(`${name}: ${latencies.length} of ${jobs.length} requests answered`);
  }
  const seconds = (lastResponse - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    ...cpuPerRequest(jobs.length),
    requests: jobs.length,
    seconds,
    perSecond: jobs.length / seconds,
    p50: Math.round(quantile(latencies, 0.5)),
    p99: Math.round(quantile(latencies, 0.99)),
    connectMax: Math.round(Math.max(...connects)),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** the trivial route, warm: its code paths compiled as they are in a running service */
async function warmCeiling(url: string): Promise<void> {
  await autocannon({ url: `${url}/health/live`, connections: CONNECTIONS, duration: 2 });
}

/**
 * The trivial route's throughput over `seconds`: one slice of the ceiling. The run takes a slice
 * just before each PlaceOrder round, so that both sides of the ratio are measured in the same
 * minutes of the run (this machine's speed moves by ±20 % within minutes, docs/performance.md).
 */
async function ceiling(url: string, name: string, seconds: number): Promise<PhaseResult> {
  const cpuPerRequest = cpuClock();
  const result = await autocannon({ url: `${url}/health/live`, connections: CONNECTIONS, duration: seconds });
  return {
    name,
    ...cpuPerRequest(result.requests.total),
    requests: result.requests.total,
    seconds: result.duration,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** the service builds its read models from the seeded events first: the run measures it after */
async function readModelsCaughtUp(url: string): Promise<void> {
  const started = performance.now();
  for (;;) {
    const health = (await fetch(`${url}/health`).then((r) => r.json())) as {
      info?: { readModels?: { lag?: number } };
    };
    if (health.info?.readModels?.lag === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`read models built from the seeded events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function orderJobs(association: SeededAssociation, tokens: Map<string, string>, round: number) {
  const lines: Job[] = [];
  const orders: Job[] = [];
  for (const family of association.families) {
    const auth = { authorization: `Bearer ${tokens.get(family.email)}` };
    for (const child of family.children) {
      const { activityIds } = association.programs.find((p) => p.programId === child.programId)!;
      // two activities of different slots per round, never a slot of an earlier round
      for (const activityId of [activityIds[2 * round], activityIds[2 * round + 1]]) {
        lines.push({
          method: 'POST',
          path: `/me/children/${child.childId}/basket/lines`,
          headers: auth,
          body: { programId: child.programId, activityId },
        });
      }
      orders.push({
        method: 'POST',
        path: `/me/children/${child.childId}/orders`,
        headers: { ...auth, 'idempotency-key': `bench-${round}-${child.childId}` },
        body: {
          billing: {
            name: 'Camille Martin',
            address: { line1: '1 rue Victor Hugo', postalCode: '75015', city: 'Paris' },
          },
        },
      });
    }
  }
  return { lines, orders };
}

function table(rows: PhaseResult[]): void {
  console.table(
    rows.map((r) => ({
      phase: r.name,
      requests: r.requests,
      'req/s': Math.round(r.perSecond),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'new connection, max ms': r.connectMax ?? 'n/a',
      errors: r.errors,
      'service CPU ms/req': r.cpuMs?.toFixed(2) ?? 'n/a',
      'load generator CPU ms/req': r.generatorCpuMs?.toFixed(2) ?? 'n/a',
      'cores busy %': r.machine?.busyPercent.toFixed(0) ?? 'n/a',
      'steal %': r.machine?.stealPercent.toFixed(0) ?? 'n/a',
    })),
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ateliers-bench-http-'));
  let service;
  try {
    console.log(`seeding ${FAMILIES} families, ${CHILDREN} children, 2 programs of 40 activities…`);
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    const association = await seedAssociation(store, { families: FAMILIES, children: CHILDREN, now: new Date() });
    await store.close();
    await new Promise((r) => setTimeout(r, 1100)); // the phase opens one second after the seeding
    service = await startService(dataDir, await freePort());
    servicePid = service.child.pid;
    await readModelsCaughtUp(service.url);
    console.log(`service up at ${service.url}; ${CONNECTIONS} connections\n`);

    await warmCeiling(service.url);
    const rows: PhaseResult[] = [];
    const ceilingSlices: PhaseResult[] = [];
    const tokens = new Map<string, string>();
    rows.push(
      await runJobs(
        service.url,
        'POST /auth/sign-in (argon2id)',
        association.families.map((f) => ({
          method: 'POST',
          path: '/auth/sign-in',
          body: { email: f.email, password: PASSWORD },
          onBody: (body) => tokens.set(f.email, (JSON.parse(body) as { accessToken: string }).accessToken),
        })),
      ),
    );
    const orderPhases: PhaseResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { lines, orders } = orderJobs(association, tokens, round);
      rows.push(await runJobs(service.url, `round ${round + 1}: AddActivity`, lines));
      const slice = await ceiling(
        service.url,
        `round ${round + 1}: GET /health/live (ceiling)`,
        Math.max(1, Math.round(CEILING_SECONDS / ROUNDS)),
      );
      rows.push(slice);
      ceilingSlices.push(slice);
      const gcBefore = await gcTotals(service.url);
      const placed = await runJobs(service.url, `round ${round + 1}: PlaceOrder`, orders);
      placed.gc = gcBetween(gcBefore, await gcTotals(service.url));
      rows.push(placed);
      orderPhases.push(placed);
    }
    table(rows);
    console.log(
      '\nservice CPU ms per request (per order in the PlaceOrder rounds), by process and thread (main: the event\n' +
        "loop; others: read models, the store's writer, V8, libuv), the share of the time the main thread was on a\n" +
        'core, ms per request it was ready to run but every core was taken, and its garbage collections in the\n' +
        'round (young: scavenges; full: marking steps and final pauses, how many)',
    );
    // each ceiling slice beside the PlaceOrder round that follows it
    const splitPhases = ceilingSlices.flatMap((slice, i) => [slice, orderPhases[i]]);
    console.table(
      splitPhases.map((r) => ({
        phase: r.name,
        // in this order whatever order /proc listed the threads in
        ...msColumns(r.cpuSplit, [...SPLIT_COLUMNS, ...WAITING_COLUMNS]),
        ...(r.cpuSplit?.['primary main'] !== undefined && {
          'primary main on a core %': Math.round((r.cpuSplit['primary main'] * r.perSecond) / 10),
        }),
        ...(r.gc && {
          'GC young ms': Math.round(1000 * (r.gc.minor?.seconds ?? 0)),
          'GC full ms': Math.round(1000 * ((r.gc.incremental?.seconds ?? 0) + (r.gc.major?.seconds ?? 0))),
          'full GCs': r.gc.major?.count ?? 0,
        }),
      })),
    );
    console.log(
      "\nthe same phases: CPU ms per request of the service's other threads, by thread (every process), and of\n" +
        'the load generator (this process), which shares the cores',
    );
    console.table(
      splitPhases.map((r) => ({
        phase: r.name,
        ...msColumns(r.cpuSplit, [...THREAD_NAMES, UNNAMED], (name) => `${OTHERS}${name}`),
        ...(r.generatorCpuMs !== undefined && { 'load generator': r.generatorCpuMs.toFixed(2) }),
      })),
    );

    const orders = orderPhases.reduce((n, r) => n + r.requests, 0);
    const seconds = orderPhases.reduce((n, r) => n + r.seconds, 0);
    const ordersPerSecond = orders / seconds;
    const p99 = Math.max(...orderPhases.map((r) => r.p99));
    const errors = rows.reduce((n, r) => n + r.errors, 0);
    const ceilingPerSecond =
      ceilingSlices.reduce((n, r) => n + r.requests, 0) / ceilingSlices.reduce((n, r) => n + r.seconds, 0);
    const ratio = ordersPerSecond / ceilingPerSecond;
    console.log(
      `\nPlaceOrder: ${orders} orders in ${seconds.toFixed(1)} s = ${Math.round(ordersPerSecond)} orders/s (target ≥ 1,000)`,
    );
    console.log(
      `ceiling (trivial route, ${ceilingSlices.length} slices): ${Math.round(ceilingPerSecond)} req/s; ratio ${(100 * ratio).toFixed(0)} % (target ≥ 40 %)`,
    );
    console.log(
      `PlaceOrder p99 (worst round): ${p99} ms (target ≤ 100 ms); errors in the whole run: ${errors} (target 0)`,
    );
  } finally {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
