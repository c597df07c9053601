import { RuleViolated } from '../domain/shared/errors';
import { AllocationInput, AllocationOutcome } from './allocation.types';
import { allocateV1 } from './mechanism-v1';

/**
 * The mechanism a run names. Later versions come beside v1 and never replace it, so that every
 * past run can still be replayed with the mechanism it recorded (PRODUCT.md, Allocation).
 */
export function allocate(input: AllocationInput): AllocationOutcome {
  switch (input.mechanismVersion) {
    case 'v1':
      return allocateV1(input);
    default: {
      // exhaustive for the compiler; an input read back from JSON may still name anything
      const unknown: never = input.mechanismVersion;
      throw new RuleViolated(`unknown allocation mechanism ${String(unknown)}`, 'UNKNOWN_MECHANISM_VERSION');
    }
  }
}
