/**
 * The crash scenario shared by `npm run crash-test` and test/crash/kill-9.spec.ts: place orders
 * concurrently, `kill -9` the service once some were acknowledged, restart it, and check that
 * every acknowledged order is there exactly once, that no read model got ahead of the events,
 * and that the read models catch up by themselves.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { PASSWORD, seedAssociation } from './seed-association';
import { freePort, startService } from './service-process';

export interface CrashReport {
  ordersSent: number;
  acknowledgedBeforeKill: number;
  acknowledgedMissing: string[];
  orderPlacedDuplicates: string[];
  readModelsAheadOfEvents: string[];
  readModelLagAfterRestart: number;
  /** requests that got no answer, retried after the restart with their Idempotency-Key */
  retried: { sameOrder: number; placedNow: number; failed: number };
  ordersInStore: number;
  ordersSeenByFamilies: number;
}

/**
 * Orders in flight at once during the rush. With every order sent at once, the cluster once
 * acknowledged all of them before the kill landed (in CI). With at most this many in flight, and
 * none sent after the kill, at most `killAfter + RUSH_CONCURRENCY - 1` can be acknowledged.
 */
const RUSH_CONCURRENCY = 24;

const billing = { name: 'Camille Martin', address: { line1: '1 rue Victor Hugo', postalCode: '75015', city: 'Paris' } };

async function post(
  url: string,
  path: string,
  auth: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** runs `tasks` with at most `limit` in flight */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

export async function runCrashScenario(
  dataDir: string,
  options: { families: number; children: number; killAfter: number; env?: Record<string, string> } = {
    families: 120,
    children: 160,
    killAfter: 60,
  },
): Promise<CrashReport> {
  if (options.killAfter + RUSH_CONCURRENCY > options.children) {
    throw new Error(
      `killAfter (${options.killAfter}) + ${RUSH_CONCURRENCY} orders in flight must not exceed the children (${options.children}): ` +
        'some orders must still be unacknowledged when the service is killed',
    );
  }
  const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
  const association = await seedAssociation(store, {
    families: options.families,
    children: options.children,
    now: new Date(),
  });
  await store.close();
  await new Promise((r) => setTimeout(r, 1100));
  const port = await freePort();
  let service = await startService(dataDir, port, options.env);
  const auths = new Map<string, string>();
  await pool(association.families, 16, async (f) => {
    const signedIn = await post(service.url, '/auth/sign-in', undefined, { email: f.email, password: PASSWORD });
    auths.set(f.familyId, `Bearer ${String(signedIn.body.accessToken)}`);
  });
  const children = association.families.flatMap((f) =>
    f.children.map((c) => ({ ...c, familyId: f.familyId, auth: auths.get(f.familyId)! })),
  );
  await pool(children, 16, async (c) => {
    const { activityIds } = association.programs.find((p) => p.programId === c.programId)!;
    for (const activityId of activityIds.slice(0, 2)) {
      const added = await post(service.url, `/me/children/${c.childId}/basket/lines`, c.auth, {
        programId: c.programId,
        activityId,
      });
      if (added.status !== 201) throw new Error(`AddActivity answered ${added.status}: ${JSON.stringify(added.body)}`);
    }
  });

  // each child's order keeps its Idempotency-Key when retried; sent to the service running now
  const placeOrder = (c: (typeof children)[number]) =>
    post(
      service.url,
      `/me/children/${c.childId}/orders`,
      c.auth,
      { billing },
      { 'idempotency-key': `crash-${c.childId}` },
    );

  // the rush, killed mid-way: parents who come once the service is dead get no answer either
  const acknowledged = new Map<string, string>(); // orderId → familyId
  const unanswered: typeof children = [];
  let killed = false;
  await pool(children, RUSH_CONCURRENCY, async (c) => {
    if (killed) {
      unanswered.push(c);
      return;
    }
    try {
      const placed = await placeOrder(c);
      if (placed.status >= 200 && placed.status < 300) acknowledged.set(String(placed.body.orderId), c.familyId);
      else unanswered.push(c);
    } catch {
      unanswered.push(c);
    }
    if (!killed && acknowledged.size >= options.killAfter) {
      killed = true;
      service.child.kill('SIGKILL');
    }
  });
  const acknowledgedBeforeKill = acknowledged.size;
  await service.stop('SIGKILL');

  // while the service is down: no read model may be ahead of the events
  const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const head = (events.prepare('SELECT max(position) AS p FROM events').get() as { p: number }).p;
  events.close();
  const read = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
  const ahead = (
    read.prepare('SELECT name, position FROM projection_checkpoints').all() as {
      name: string;
      position: number | null;
    }[]
  )
    .filter((r) => (r.position ?? 0) > head)
    .map((r) => `${r.name} at ${r.position} > head ${head}`);
  read.close();

  service = await startService(dataDir, port, options.env);
  try {
    // the read models catch up by themselves: wait for /health to report no lag
    let lag = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 100 && lag > 0; i++) {
      const health = (await (await fetch(`${service.url}/health`)).json()) as { info: { readModels: { lag: number } } };
      lag = health.info.readModels.lag;
      if (lag > 0) await new Promise((r) => setTimeout(r, 100));
    }
    // the requests that got no answer are retried with the same key: the same order, or placed now
    const retried = { sameOrder: 0, placedNow: 0, failed: 0 };
    for (const c of unanswered) {
      const again = await placeOrder(c);
      if (again.status === 200) retried.sameOrder++;
      else if (again.status === 201) retried.placedNow++;
      else retried.failed++;
    }
    const seen = new Map<string, number>();
    for (const family of association.families) {
      const response = await fetch(`${service.url}/me/orders`, {
        headers: { authorization: auths.get(family.familyId)! },
      });
      const body = (await response.json()) as { orders: { orderId: string }[] };
      for (const order of body.orders) seen.set(order.orderId, (seen.get(order.orderId) ?? 0) + 1);
    }
    const after = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const placed = after
      .prepare(
        "SELECT json_extract(data, '$.orderId') AS orderId, count(*) AS n FROM events WHERE type = 'OrderPlaced' GROUP BY orderId",
      )
      .all() as { orderId: string; n: number }[];
    after.close();
    return {
      ordersSent: children.length,
      acknowledgedBeforeKill,
      acknowledgedMissing: [...acknowledged.keys()].filter((id) => seen.get(id) !== 1),
      orderPlacedDuplicates: placed.filter((p) => p.n !== 1).map((p) => p.orderId),
      readModelsAheadOfEvents: ahead,
      readModelLagAfterRestart: lag,
      retried,
      ordersInStore: placed.length,
      ordersSeenByFamilies: [...seen.values()].reduce((a, b) => a + b, 0),
    };
  } finally {
    await service.stop();
  }
}
