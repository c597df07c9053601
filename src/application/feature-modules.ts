import { Type } from '@nestjs/common';
import { ProgramsModule } from './programs/programs.module';
import { AccountsModule } from './accounts/accounts.module';
import { FamiliesModule } from './families/families.module';
import { BasketsModule } from './baskets/baskets.module';
import { OrdersModule } from './orders/orders.module';
import { ReportsModule } from './reports/reports.module';
import { AllocationSagaModule } from './allocation-saga/allocation-saga.module';
import { AllocationModule } from './allocation/allocation.module';

/**
 * The feature modules of the service (families, programs, baskets, orders, allocation, reports).
 * Baskets and orders first: Express tries the routes in the order they were registered, and the
 * rush is AddActivity and PlaceOrder (PlaceOrder was the 41st route tried before; no two routes
 * share a method and a path, so the order changes nothing else).
 */
export const FEATURE_MODULES: Type[] = [
  BasketsModule,
  OrdersModule,
  ProgramsModule,
  AccountsModule,
  FamiliesModule,
  ReportsModule,
  AllocationSagaModule,
  AllocationModule,
];
