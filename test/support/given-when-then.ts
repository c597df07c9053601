import { Decider, fold } from '../../src/domain/shared/decider';
import { DomainError } from '../../src/domain/shared/errors';

/**
 * Given/when/then for a decider, without Nest and without I/O:
 *   spec(decider).given([...events]).when(command).then([...events])
 *   spec(decider).given([...events]).when(command).thenRefuses(RuleViolated, 'CODE')
 */
export function spec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(events: readonly E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: readonly E[]) {
              expect(run()).toEqual(expected);
            },
            thenNothingHappens() {
              expect(run()).toEqual([]);
            },
            thenRefuses(errorType: abstract new (...args: never[]) => DomainError, code?: string) {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(errorType);
              if (code !== undefined) expect((caught as DomainError).code).toBe(code);
              return caught as DomainError;
            },
          };
        },
      };
    },
  };
}
