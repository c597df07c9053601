import { randomUUID } from 'node:crypto';

/** Who asks, when, and under which correlation: becomes the metadata of every event written. */
export interface CommandContext {
  /** unique per command; event ids derive from it so that a retried command is harmless */
  commandId: string;
  correlationId: string;
  /** the message that caused this command: the request id, or the event a saga reacts to */
  causationId: string;
  actor: string;
  now: Date;
}

export function systemContext(
  process: string,
  now: Date,
  causedBy?: { correlationId: string; eventId: string },
): CommandContext {
  return {
    commandId: randomUUID(),
    correlationId: causedBy?.correlationId ?? randomUUID(),
    causationId: causedBy?.eventId ?? randomUUID(),
    actor: `system:${process}`,
    now,
  };
}
