import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionWorker } from '../../../src/application/projections/projection-worker';
import { ReadModels } from '../../../src/application/projections/read-models';
import { toNewEvents } from '../../../src/application/shared/handle-command';
import { EventStore } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { ReadDatabase } from '../../../src/projections/read-database';
import {
  addLine,
  aKey,
  DURING_PRIORITY,
  placeOrder,
  primairesProgram,
  validatedFamily,
} from '../../support/booking.seeding';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * The read models on their own thread (PROJECTIONS_THREAD=worker, the default outside tests):
 * the built worker script from dist/ (`npm test` builds first) fed by the same store file.
 */
describe('ProjectionWorker (read models on a worker thread)', () => {
  describe('in the service', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ config: { PROJECTIONS_THREAD: 'worker' } });
    });
    afterAll(() => t.close());

    it('answers a command with the read models it just updated on the other thread (read your writes)', async () => {
      expect(t.app.get(ReadModels)).toBeInstanceOf(ProjectionWorker);
      const program = await primairesProgram(t);
      t.clock.set(DURING_PRIORITY);
      const family = await validatedFamily(t, { programIds: [program.programId] });
      const childId = family.children['Léa'];
      await addLine(t, family.auth, childId, program.programId, program.activities.judo).expect(201);
      const basket = await t.http().get(`/me/children/${childId}/basket`).set('Authorization', family.auth).expect(200);
      expect(basket.body.lines).toHaveLength(1);

      const placed = await placeOrder(t, family.auth, childId, aKey()).expect(201);
      expect(placed.body.reservations.map((r: { status: string }) => r.status)).toEqual(['PENDING']);
      const listed = await t.http().get('/me/orders').set('Authorization', family.auth).expect(200);
      expect(JSON.stringify(listed.body)).toContain(placed.body.orderId);

      const head = await t.app.get(EventStore).headPosition();
      expect(t.app.get(ReadModels).checkpoint).toBe(head);
      const health = await t.http().get('/health').expect(200);
      expect(health.body.info.readModels).toMatchObject({ lag: 0 });
    });
  });

  describe('on its own', () => {
    let dir: string;
    let store: SqliteEventStore;
    let worker: ProjectionWorker | undefined;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ateliers-worker-'));
      store = new SqliteEventStore(join(dir, 'events.sqlite'));
    });
    afterEach(async () => {
      await worker?.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** an event no read model handles: every checkpoint still moves past it */
    const registered = () => {
      const stream = `note-${randomUUID()}`;
      const context = {
        commandId: randomUUID(),
        correlationId: 'c',
        causationId: 'c',
        actor: 'test',
        now: new Date(0),
      };
      const events = toNewEvents(stream, [{ type: 'NoteTaken', data: { text: 'hello' } }], context);
      return store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    };
    const checkpoints = () => {
      const read = new ReadDatabase(join(dir, 'read-models.sqlite'));
      try {
        return read.db.prepare('SELECT name, position FROM projection_checkpoints').all() as {
          name: string;
          position: number;
        }[];
      } finally {
        read.close();
      }
    };

    it('catches up at start, follows appends, and moves every read model to the same position', async () => {
      await registered();
      worker = new ProjectionWorker(store, { dataDir: dir });
      await worker.start();
      expect(worker.checkpoint).toBe(await store.headPosition());
      const { position } = await registered();
      await worker.waitFor(position, 5_000);
      expect(worker.checkpoint).toBe(position);
      const rows = checkpoints();
      expect(rows.length).toBeGreaterThan(5);
      expect(new Set(rows.map((r) => r.position))).toEqual(new Set([position]));
    });

    it('writes at once what a caller of this thread waits for, though its batching delay is long', async () => {
      worker = new ProjectionWorker(store, { dataDir: dir, maxDelayMs: 60_000 });
      await worker.start();
      await registered();
      const { position } = await registered();
      // the wait is passed to the thread (`want`): far sooner than the delay
      await worker.waitFor(position, 5_000);
      expect(worker.checkpoint).toBe(position);
      expect(new Set(checkpoints().map((r) => r.position))).toEqual(new Set([position]));
    });

    it('starts again after its thread dies, resuming from its checkpoints', async () => {
      worker = new ProjectionWorker(store, { dataDir: dir });
      await worker.start();
      const thread = (worker as unknown as { worker: { terminate(): Promise<number> } }).worker;
      await thread.terminate();
      const { position } = await registered();
      await worker.waitFor(position, 10_000);
      expect(worker.checkpoint).toBe(position);
    });

    it('rebuilds every read model on its thread and reports the events read', async () => {
      await registered();
      await registered();
      worker = new ProjectionWorker(store, { dataDir: dir });
      await worker.start();
      await expect(worker.rebuild()).resolves.toBe(2);
      expect(worker.checkpoint).toBe(await store.headPosition());
    });

    /** the `nice` of each thread of this process, from /proc (Linux) */
    const threadNices = () =>
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        // the fields after the command name, which is in parentheses: nice is the 19th field
        return { tid: Number(tid), nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) };
      });

    it('runs at a lower priority than the request thread, which keeps its own (READ_MODELS_NICENESS)', async () => {
      worker = new ProjectionWorker(store, { dataDir: dir, niceness: 7 });
      await worker.start();
      if (process.platform !== 'linux') {
        expect(worker.priority).toEqual({ kept: expect.stringContaining(process.platform) });
        return;
      }
      expect(worker.priority).toEqual({ nice: 7 });
      const nices = threadNices();
      expect(nices.find((thread) => thread.tid === process.pid)?.nice).toBe(getPriority(0));
      expect(nices.filter((thread) => thread.nice === 7)).toHaveLength(1);
    });

    it('keeps the process priority when READ_MODELS_NICENESS is 0', async () => {
      const before = threadNices().filter((thread) => thread.nice !== getPriority(0)).length;
      worker = new ProjectionWorker(store, { dataDir: dir, niceness: 0 });
      await worker.start();
      expect(worker.priority).toEqual({ kept: 'READ_MODELS_NICENESS is 0' });
      expect(threadNices().filter((thread) => thread.nice !== getPriority(0))).toHaveLength(before);
    });

    it('refuses to start when the read models cannot be opened, with the reason', async () => {
      worker = new ProjectionWorker(store, { dataDir: join(dir, 'missing', 'folder') });
      await expect(worker.start()).rejects.toThrow(/read models could not start|unable to open|directory/i);
      worker = undefined;
    });
  });
});
