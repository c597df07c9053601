import { Module } from '@nestjs/common';
import { AllocationProcessQuery } from '../../projections/allocation-process/allocation-process.query';
import { ReadDatabase } from '../../projections/read-database';
import { AllocationApplier } from './allocation-applier';
import { AllocationApplicationController } from './allocation-application.controller';
import { AllocationSagaFaults } from './allocation-saga.faults';
import { AllocationSagaSupervisor } from './allocation-saga.supervisor';
import { AllocationSaga } from './allocation.saga';
import { ApplyAllocationHandler } from './apply-allocation.handler';

/** PRODUCT.md, Allocation: once staff approve a run, its decisions are applied to the orders, exactly once. */
@Module({
  controllers: [AllocationApplicationController],
  providers: [
    AllocationSaga,
    ApplyAllocationHandler,
    AllocationApplier,
    AllocationSagaSupervisor,
    // a factory, not a value: each app gets its own (tests override it to interrupt the saga)
    { provide: AllocationSagaFaults, useFactory: () => new AllocationSagaFaults() },
    {
      provide: AllocationProcessQuery,
      inject: [ReadDatabase],
      useFactory: (read: ReadDatabase) => new AllocationProcessQuery(read),
    },
  ],
  exports: [AllocationProcessQuery],
})
export class AllocationSagaModule {}
