import { Module } from '@nestjs/common';
import { FamiliesQuery } from '../../projections/families/families.query';
import { ReadDatabase } from '../../projections/read-database';
import { AddChildHandler } from './add-child.handler';
import { FamiliesController } from './families.controller';
import { MyFamilyController } from './my-family.controller';
import { RejectAccountHandler } from './reject-account.handler';
import { UpdateAccountHandler } from './update-account.handler';
import { UpdateChildHandler } from './update-child.handler';
import { ValidateAccountHandler } from './validate-account.handler';

/** A parent's own family and children; staff's review and decisions on accounts. */
@Module({
  controllers: [MyFamilyController, FamiliesController],
  providers: [
    { provide: FamiliesQuery, inject: [ReadDatabase], useFactory: (read: ReadDatabase) => new FamiliesQuery(read) },
    AddChildHandler,
    UpdateChildHandler,
    UpdateAccountHandler,
    ValidateAccountHandler,
    RejectAccountHandler,
  ],
  exports: [FamiliesQuery],
})
export class FamiliesModule {}
