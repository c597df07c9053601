import { randomUUID } from 'node:crypto';
import { handleCommand } from '../../../src/application/shared/handle-command';
import { Conflict } from '../../../src/domain/shared/errors';
import { tagDecider } from '../../support/counter.fixtures';
import { aCommandContext } from '../../support/command-context';
import { aTempStorePerTest } from '../../support/temp-store';

const context = aCommandContext;

describe('handleCommand', () => {
  const temp = aTempStorePerTest('ateliers-hc-');

  it('folds the stream, decides and appends with the metadata of the command', async () => {
    const stream = `tags-${randomUUID()}`;
    await handleCommand(temp.store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context());
    const result = await handleCommand(temp.store, stream, tagDecider, { type: 'AddTag', tag: 'b' }, context());
    expect(result.state.tags).toEqual(['a', 'b']);
    const [, second] = await temp.store.readStream(stream);
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
    await handleCommand(temp.store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context());
    await expect(
      handleCommand(temp.store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context()),
    ).rejects.toBeInstanceOf(Conflict);
    expect(await temp.store.readStream(stream)).toHaveLength(1);
  });

  describe('given many concurrent commands on one stream', () => {
    it('decides each again on fresh state after a conflict, so the stream rule holds', async () => {
      const stream = `tags-${randomUUID()}`;
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          handleCommand(temp.store, stream, tagDecider, { type: 'AddTag', tag: i % 2 ? 'odd' : 'even' }, context()),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
      expect((await temp.store.readStream(stream)).map((e) => (e.data as { tag: string }).tag).sort()).toEqual([
        'even',
        'odd',
      ]);
    });
  });

  it('derives event ids from the command id, so that the same command id cannot write twice', async () => {
    const stream = `tags-${randomUUID()}`;
    const commandId = randomUUID();
    await handleCommand(temp.store, stream, tagDecider, { type: 'AddTag', tag: 'a' }, context(commandId));
    const [event] = await temp.store.readStream(stream);
    const other = `tags-${randomUUID()}`;
    await handleCommand(temp.store, other, tagDecider, { type: 'AddTag', tag: 'a' }, context(commandId));
    const [otherEvent] = await temp.store.readStream(other);
    expect(event.metadata.eventId).not.toBe(otherEvent.metadata.eventId);
    expect(event.metadata.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
