import { Decider, Message } from '../../domain/shared/decider';
import { EventStore, NewEvent, WrongExpectedRevisionError } from '../../event-store/event-store.port';
import { CommandContext } from './command-context';
import { Folded, FoldedStreams, foldStream } from './folded-streams';
import { nameBasedIds } from './name-based-id';

/** namespace of the v5 UUIDs that event ids are derived from */
const eventIdOf = nameBasedIds('5b0e3a52-8f43-4d41-9c5e-6f2f2c1f7a10');
export const SCHEMA_VERSION = 1;
const MAX_ATTEMPTS = 8;

export interface CommandResult<Event, State> {
  /** the events this command added (empty when the decider had nothing to do: an idempotent retry) */
  events: Event[];
  /** the stream's state after the command */
  state: State;
  /** global position of the last event written; undefined when nothing was written */
  position?: number;
}

export interface HandleOptions<State> {
  /**
   * Folded states kept between commands (over the same store): a command reads only the events
   * appended since, and keeps the state it wrote. Without it, each attempt reads the whole stream.
   */
  streams?: FoldedStreams;
  /**
   * The stream as the caller just folded it to build the command: the first attempt decides on it
   * without reading again. If the stream moved on since, the append's expected revision refuses it
   * and the next attempt reads.
   */
  folded?: Folded<State>;
}

/**
 * Reads the stream, folds it, decides and appends with the expected revision. On a conflict
 * (another command wrote to the stream in between) it decides again on the fresh state: rules
 * that span the stream — no duplicate reservation, no clash — hold under concurrency.
 */
export async function handleCommand<Command, Event extends Message, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  options: HandleOptions<State> = {},
): Promise<CommandResult<Event, State>> {
  const { streams } = options;
  let given = options.folded;
  for (let attempt = 1; ; attempt++) {
    const { state, revision } =
      given ?? (await (streams ? streams.load(streamId, decider) : foldStream(store, streamId, decider)));
    given = undefined;
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state };
    try {
      const result = await store.appendToStream(streamId, toNewEvents(streamId, events, context), {
        expectedRevision: revision,
      });
      const next = events.reduce(decider.evolve, state);
      // an append acknowledged as the retry of events stored earlier ends elsewhere: not kept
      const after = (revision === 'no_stream' ? -1 : revision) + events.length;
      if (result.nextExpectedRevision === after) streams?.remember(streamId, decider, { state: next, revision: after });
      return { events, state: next, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export function toNewEvents(streamId: string, events: readonly Message[], context: CommandContext): NewEvent[] {
  return events.map((event, index) => ({
    type: event.type,
    data: event.data,
    metadata: {
      eventId: eventIdOf(`${context.commandId}/${streamId}/${index}`),
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
      timestamp: context.now.toISOString(),
      schemaVersion: SCHEMA_VERSION,
    },
  }));
}
