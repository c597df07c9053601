import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../src/application/shared/command-context';

/** The context of a command sent by a parent, at a fixed instant; a fresh command id unless given. */
export const aCommandContext = (commandId = randomUUID()): CommandContext => ({
  commandId,
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: 'parent:p1',
  now: new Date('2025-03-01T08:00:00.000Z'),
});
