/**
 * A decider is the whole behaviour of one stream: `decide(command, state) → events` and
 * `evolve(state, event) → state`, folded from `initialState`. Pure: no I/O, no clock, no randomness.
 * Time, ids and facts from other streams arrive inside the command.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/** A domain message: `type` is the name of its TypeScript type, `data` its plain JSON payload. */
export interface Message<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** Exhaustiveness check for `switch` over a tagged union. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
