import { Module } from '@nestjs/common';
import { AllocationAuditQuery } from '../../projections/allocation-audit/allocation-audit.query';
import { AllocationTrailQuery } from '../../projections/allocation-audit/allocation-trail.query';
import { ReadDatabase } from '../../projections/read-database';
import { ProgramsModule } from '../programs/programs.module';
import { AllocationRuns } from './allocation-runs.service';
import { AllocationVerifier } from './allocation-verification';
import { AllocationsController } from './allocations.controller';
import { ApproveAllocationHandler } from './approve-allocation.handler';
import { DiscardAllocationHandler } from './discard-allocation.handler';
import { MyAllocationController } from './my-allocation.controller';
import { ReservationTrailController } from './reservation-trail.controller';
import { RoundSeedController } from './round-seed.controller';
import { RunAllocationHandler } from './run-allocation.handler';

/**
 * The allocation runs (PRODUCT.md, Allocation): run as a proposal, review, approve or discard,
 * replay; the trail of every reservation; what families may check. Applying approved decisions
 * to the orders is the allocation saga's job (src/application/allocation-saga).
 */
@Module({
  imports: [ProgramsModule],
  controllers: [AllocationsController, MyAllocationController, RoundSeedController, ReservationTrailController],
  providers: [
    AllocationRuns,
    AllocationVerifier,
    RunAllocationHandler,
    ApproveAllocationHandler,
    DiscardAllocationHandler,
    {
      provide: AllocationAuditQuery,
      inject: [ReadDatabase],
      useFactory: (read: ReadDatabase) => new AllocationAuditQuery(read),
    },
    {
      provide: AllocationTrailQuery,
      inject: [ReadDatabase],
      useFactory: (read: ReadDatabase) => new AllocationTrailQuery(read),
    },
  ],
  exports: [AllocationRuns, AllocationAuditQuery, AllocationTrailQuery],
})
export class AllocationModule {}
