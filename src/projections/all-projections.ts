import { Projection } from './projection';
import { planningProjection } from './planning/planning.projection';
import { accountsProjection } from './accounts/accounts.projection';
import { familiesProjection } from './families/families.projection';
import { basketProjection } from './basket/basket.projection';
import { orderStatusProjection } from './order-status/order-status.projection';
import { reportingProjections } from './reporting/reporting.projections';
import { allocationProcessProjection } from './allocation-process/allocation-process.projection';
import { allocationAuditProjection } from './allocation-audit/allocation-audit.projection';

/**
 * Every read model of the service, in one list: the live runner and
 * `npm run projections:rebuild` use the same one.
 */
export function allProjections(): Projection[] {
  return [
    planningProjection,
    accountsProjection,
    familiesProjection,
    basketProjection,
    orderStatusProjection,
    ...reportingProjections,
    allocationProcessProjection,
    allocationAuditProjection,
  ];
}
