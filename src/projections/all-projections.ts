import { Projection } from './projection';

/**
 * Every read model of the service, in one list: the live runner and
 * `npm run projections:rebuild` use the same one.
 */
export function allProjections(): Projection[] {
  return [];
}
