import { Type } from '@nestjs/common';
import { ProgramsModule } from './programs/programs.module';
import { AccountsModule } from './accounts/accounts.module';
import { FamiliesModule } from './families/families.module';
import { BasketsModule } from './baskets/baskets.module';
import { OrdersModule } from './orders/orders.module';
import { ReportsModule } from './reports/reports.module';
import { AllocationSagaModule } from './allocation-saga/allocation-saga.module';
import { AllocationModule } from './allocation/allocation.module';

/** The feature modules of the service (families, programs, baskets, orders, allocation, reports). */
export const FEATURE_MODULES: Type[] = [
  ProgramsModule,
  AccountsModule,
  FamiliesModule,
  BasketsModule,
  OrdersModule,
  ReportsModule,
  AllocationSagaModule,
  AllocationModule,
];
