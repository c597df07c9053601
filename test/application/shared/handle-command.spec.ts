import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleCommand } from '../../../src/application/shared/handle-command';
import { Conflict } from '../../../src/domain/shared/errors';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { tagDecider } from '../../support/counter.fixtures';
import { aCommandContext } from '../../support/command-context';

const context = aCommandContext;

describe('handleCommand', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ateliers-hc-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the stream, decides and appends with the metadata of the command', async () => {
    const stream = `tags-${randomUUID()}`;
    await handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context());
    const result = await handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: 'b' }, context());
    expect(result.state.tags).toEqual(['a', 'b']);
    const [, second] = await store.readStream(stream);
    expect(second.metadata).toMatchObject({
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actor: 'parent:p1',
      timestamp: '2025-03-01T08:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('refuses what the decider refuses and writes nothing', async () => {
    const stream = `tags-${randomUUID()}`;
    await handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context());
    await expect(
      handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context()),
    ).rejects.toBeInstanceOf(Conflict);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  describe('given many concurrent commands on one stream', () => {
    it('decides each again on fresh state after a conflict, so the stream rule holds', async () => {
      const stream = `tags-${randomUUID()}`;
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: i % 2 ? 'odd' : 'even' }, context()),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
      expect((await store.readStream(stream)).map((e) => (e.data as { tag: string }).tag).sort()).toEqual([
        'even',
        'odd',
      ]);
    });
  });

  it('derives event ids from the command id, so that the same command id cannot write twice', async () => {
    const stream = `tags-${randomUUID()}`;
    const commandId = randomUUID();
    await handleCommand(store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context(commandId));
    const [event] = await store.readStream(stream);
    const other = `tags-${randomUUID()}`;
    await handleCommand(store, other, tagDecider, { type: 'AddTag', tag: 'a' }, context(commandId));
    const [otherEvent] = await store.readStream(other);
    expect(event.metadata.eventId).not.toBe(otherEvent.metadata.eventId);
    expect(event.metadata.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
