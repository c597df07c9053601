import { Injectable, Module } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { EventBus, EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNewEvents } from '../../../src/application/shared/handle-command';
import { declaredEventTypes } from '../../../src/application/event-store/infrastructure.module';
import { Checkpoints } from '../../../src/application/shared/checkpoints';
import { ReactsTo, StoredEvent } from '../../../src/application/shared/stored-event';
import { StoredEventPublisher } from '../../../src/application/shared/stored-event-publisher';
import { EventStore } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { aTempStorePerTest } from '../../support/temp-store';
import { startTestApp } from '../../support/test-app';

const seen: string[] = [];

@Injectable()
@EventsHandler(StoredEvent)
@ReactsTo('Happened')
class RecordingHandler implements IEventHandler<StoredEvent> {
  handle({ event }: StoredEvent) {
    if (event.streamId.startsWith('wiring-')) seen.push(`${event.streamId}@${event.position}`);
  }
}

@Module({ providers: [RecordingHandler] })
class RecordingModule {}

const waitUntil = async (check: () => boolean) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

const append = (store: EventStore, stream: string, types: string[] = ['Happened']) =>
  store.appendToStream(
    stream,
    toNewEvents(
      stream,
      types.map((type) => ({ type, data: {} })),
      {
        commandId: randomUUID(),
        correlationId: 'c',
        causationId: 'c',
        actor: 'test',
        now: new Date(0),
      },
    ),
    { expectedRevision: 'no_stream' },
  );

describe('stored events reach @nestjs/cqrs handlers', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'ateliers-bus-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('publishes each durable event, and after a restart those appended while the service was down', async () => {
    const first = await startTestApp({ dataDir, imports: [RecordingModule] });
    const a = await append(first.app.get(EventStore), 'wiring-a');
    await waitUntil(() => seen.length === 1);
    expect(seen).toEqual([`wiring-a@${a.position}`]);
    await first.close();

    // written by another process while the service is down
    const offline = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    const b = await append(offline, 'wiring-b');
    await offline.close();

    const second = await startTestApp({ dataDir, imports: [RecordingModule] });
    await waitUntil(() => seen.length === 2);
    expect(seen).toEqual([`wiring-a@${a.position}`, `wiring-b@${b.position}`]);
    await second.close();
  });

  it("publishes the types the application's providers declare: the saga's and this test's handler's", async () => {
    const app = await startTestApp({ dataDir, imports: [RecordingModule] });
    try {
      expect(declaredEventTypes(app.app.get(DiscoveryService), app.app.get(Reflector))).toEqual([
        'AllocationApproved',
        'Happened',
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('the event bus publishes only the declared types', () => {
  const temp = aTempStorePerTest('ateliers-bus-');
  let checkpoints: Checkpoints;
  beforeEach(() => (checkpoints = new Checkpoints(join(temp.dir, 'event-bus.sqlite'))));
  afterEach(() => checkpoints.close());

  it('passes the others over, and its checkpoint moves through them', async () => {
    // a bus started on an empty store starts at its beginning
    checkpoints.save('$event-bus', 0);
    await append(temp.store, 'bus-a', ['Other', 'Other', 'Happened', 'Other', 'Other', 'Other']);
    const published: string[] = [];
    const bus = { publish: async ({ event }: StoredEvent) => void published.push(`${event.type}@${event.position}`) };
    const publisher = new StoredEventPublisher(temp.store, checkpoints, bus as unknown as EventBus, ['Happened']);
    await publisher.start();
    // caught up, it saves the position it has looked through, past the last event it published
    await waitUntil(() => checkpoints.get('$event-bus') === 6);
    expect(published).toEqual(['Happened@3']);
    await publisher.stop();
    expect(checkpoints.get('$event-bus')).toBe(6);

    await append(temp.store, 'bus-b', ['Other', 'Happened']);
    // restarted, it resumes from there: only the new event is published
    const again = new StoredEventPublisher(temp.store, checkpoints, bus as unknown as EventBus, ['Happened']);
    await again.start();
    await waitUntil(() => published.length === 2);
    await again.stop();
    expect(published).toEqual(['Happened@3', 'Happened@8']);
    expect(checkpoints.get('$event-bus')).toBe(8);
  });
});
