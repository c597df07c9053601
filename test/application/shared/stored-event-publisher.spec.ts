import { Injectable, Module } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNewEvents } from '../../../src/application/shared/handle-command';
import { StoredEvent } from '../../../src/application/shared/stored-event';
import { EventStore } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { startTestApp } from '../../support/test-app';

const seen: string[] = [];

@Injectable()
@EventsHandler(StoredEvent)
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

const append = (store: EventStore, stream: string) =>
  store.appendToStream(
    stream,
    toNewEvents(stream, [{ type: 'Happened', data: {} }], {
      commandId: randomUUID(),
      correlationId: 'c',
      causationId: 'c',
      actor: 'test',
      now: new Date(0),
    }),
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
});
