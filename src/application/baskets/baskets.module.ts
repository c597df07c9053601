import { Module } from '@nestjs/common';
import { BasketQuery } from '../../projections/basket/basket.query';
import { ReadDatabase } from '../../projections/read-database';
import { ProgramsModule } from '../programs/programs.module';
import { AddActivityHandler } from './add-activity.handler';
import { BasketsController } from './baskets.controller';
import { FamilyChildren } from './family-children';
import { RemoveActivityHandler } from './remove-activity.handler';

/** Each child's basket (procedure, steps 2–3). Exports who the caller's children are, for orders. */
@Module({
  imports: [ProgramsModule],
  controllers: [BasketsController],
  providers: [
    FamilyChildren,
    AddActivityHandler,
    RemoveActivityHandler,
    { provide: BasketQuery, inject: [ReadDatabase], useFactory: (read: ReadDatabase) => new BasketQuery(read) },
  ],
  exports: [FamilyChildren, ProgramsModule],
})
export class BasketsModule {}
