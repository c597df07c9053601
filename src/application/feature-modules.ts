import { Type } from '@nestjs/common';

/** The feature modules of the service (families, programs, baskets, orders, allocation, reports). */
export const FEATURE_MODULES: Type[] = [];
