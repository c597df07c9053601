import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD, SeededAssociation, seedAssociation } from '../../bench/http/seed-association';
import { freePort, ServiceProcess, startService } from '../../bench/http/service-process';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

/**
 * The built service (dist/, made by `npm test`'s pretest build) as it runs in production on a
 * small machine: a primary process (the store's one writer, the read models, the saga) and two
 * HTTP worker processes sharing the port.
 */
const SIGN_IN_LIMIT = 30;
const billing = { name: 'Camille Martin', address: { line1: '1 rue Victor Hugo', postalCode: '75015', city: 'Paris' } };

describe('the service as a cluster (HTTP_WORKERS=2)', () => {
  let dataDir: string;
  let association: SeededAssociation;
  let service: ServiceProcess;
  const auths = new Map<string, string>();
  /** PlaceOrder answers 201 seen so far: the metrics must count the same */
  let created = 0;

  const call = async (method: string, path: string, auth?: string, body?: unknown, headers = {}) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
  };
  const logLines = () =>
    readFileSync(join(dataDir, 'service.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { pid: number; msg?: string; req?: { url: string } });
  const listeningPids = () =>
    new Set(
      logLines()
        .filter((l) => l.msg?.startsWith('Ateliers listening'))
        .map((l) => l.pid),
    );
  /** the log is written asynchronously and workers start one after the other: wait until it shows */
  const eventually = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!check()) throw new Error(`after 30 s, still not: ${what}`);
  };
  const children = () =>
    association.families.flatMap((f) => f.children.map((c) => ({ ...c, auth: auths.get(f.familyId)! })));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ateliers-cluster-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    association = await seedAssociation(store, { families: 12, children: 16, now: new Date() });
    await store.close();
    await new Promise((r) => setTimeout(r, 1100)); // the phase opens one second after the seeding
    service = await startService(dataDir, await freePort(), {
      HTTP_WORKERS: '2',
      SIGN_IN_LIMIT_PER_MINUTE: String(SIGN_IN_LIMIT),
      // read models written only when a request waits for them: each wait crosses from a worker
      // to the primary's read-model thread (`want`, over IPC), or the orders are never shown
      READ_MODELS_MAX_DELAY_MS: '60000',
    });
    // the first worker to listen answers /health; the test needs both
    await eventually(() => listeningPids().size === 2, 'two workers listening');
    for (const family of association.families) {
      const signedIn = await call('POST', '/auth/sign-in', undefined, { email: family.email, password: PASSWORD });
      expect(signedIn.status).toBe(200);
      auths.set(family.familyId, `Bearer ${String(signedIn.body.accessToken)}`);
    }
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves HTTP from two worker processes besides the primary', async () => {
    await Promise.all(Array.from({ length: 40 }, () => call('GET', '/health/live')));
    expect(listeningPids().size).toBe(2);
    expect([...listeningPids()]).not.toContain(service.child.pid);
    const answering = () =>
      new Set(
        logLines()
          .filter((l) => l.req?.url === '/health/live')
          .map((l) => l.pid),
      );
    await eventually(() => answering().size === 2, 'both workers logged a /health/live request');
    expect(answering()).toEqual(listeningPids());
  });

  it('places every order once, whichever worker answers, and shows it at once to its family', async () => {
    const placed = await Promise.all(
      children().map(async (c) => {
        const { activityIds } = association.programs.find((p) => p.programId === c.programId)!;
        for (const activityId of activityIds.slice(0, 2)) {
          const added = await call('POST', `/me/children/${c.childId}/basket/lines`, c.auth, {
            programId: c.programId,
            activityId,
          });
          expect(added.status).toBe(201);
        }
        const order = await call(
          'POST',
          `/me/children/${c.childId}/orders`,
          c.auth,
          { billing },
          {
            'idempotency-key': `cluster-${c.childId}`,
          },
        );
        expect(order.status).toBe(201);
        const shown = await call('GET', `/me/orders/${String(order.body.orderId)}`, c.auth);
        expect(shown.status).toBe(200);
        return order.body.orderId;
      }),
    );
    expect(new Set(placed).size).toBe(children().length);
    created += placed.length;
  });

  it('keeps the rules that rest on one stream when the same request reaches both workers at once', async () => {
    const [child] = children();
    const { activityIds } = association.programs.find((p) => p.programId === child.programId)!;
    // the same activity added eight times at once: one line
    const adds = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', `/me/children/${child.childId}/basket/lines`, child.auth, {
          programId: child.programId,
          activityId: activityIds[4],
        }),
      ),
    );
    expect(adds.filter((a) => a.status === 201)).toHaveLength(1);
    expect(adds.filter((a) => a.status === 409)).toHaveLength(7);
    // the same order sent eight times at once: one order
    const orders = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', `/me/children/${child.childId}/orders`, child.auth, { billing }, { 'idempotency-key': 'twice' }),
      ),
    );
    expect(new Set(orders.map((o) => o.body.orderId)).size).toBe(1);
    expect(orders.every((o) => o.status === 200 || o.status === 201)).toBe(true);
    expect(orders.filter((o) => o.status === 201).length).toBeGreaterThanOrEqual(1);
    created += orders.filter((o) => o.status === 201).length;
    const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const placedEvents = events
      .prepare("SELECT count(*) AS n FROM events WHERE stream_id = ? AND type = 'OrderPlaced'")
      .get(`booking-${child.childId}`) as { n: number };
    events.close();
    expect(placedEvents.n).toBe(2);
  });

  it('counts sign-in attempts once for the whole service, not once per worker', async () => {
    const family = association.families[0];
    const answers: number[] = [];
    // 12 sign-ins already came from this address; the limit is per address and per account
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      answers.push(
        (await call('POST', '/auth/sign-in', undefined, { email: family.email, password: 'wrong-pass' })).status,
      );
    }
    expect(answers.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMIT - association.families.length);
    expect(answers.filter((s) => s === 429)).toHaveLength(association.families.length);
  });

  it('reports the metrics of every process in one scrape', async () => {
    const metrics = await fetch(`${service.url}/metrics`).then((r) => r.text());
    const counted = metrics.match(
      /^http_requests_total\{method="POST",route="\/me\/children\/:childId\/orders",status="201"\} (\d+)$/m,
    );
    expect(Number(counted?.[1])).toBe(created);
    expect(metrics).toMatch(/^event_store_append_duration_seconds_count\{outcome="ok"\} \d+$/m);
    expect(metrics).toMatch(/^projection_lag_events 0$/m);
  });

  it('starts another worker when one dies, and goes on answering', async () => {
    const [dead] = [...listeningPids()];
    process.kill(dead, 'SIGKILL');
    await eventually(() => listeningPids().size === 3, 'a third worker listening');
    const answers = await Promise.all(Array.from({ length: 20 }, () => call('GET', '/health')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });
});
