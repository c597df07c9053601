import { Module } from '@nestjs/common';
import { AccountsQuery } from '../../projections/accounts/accounts.query';
import { ReadDatabase } from '../../projections/read-database';
import { Accounts } from './accounts.service';
import { AuthController } from './auth.controller';
import { RegisterFamilyHandler } from './register-family.handler';
import { SignIn } from './sign-in.service';
import { SignInThrottlerGuard, SignInThrottlerModule } from './sign-in.throttler';
import { StaffBootstrap } from './staff-bootstrap';

/** Registration, sign-in and the first staff account. */
@Module({
  imports: [SignInThrottlerModule],
  controllers: [AuthController],
  providers: [
    { provide: AccountsQuery, inject: [ReadDatabase], useFactory: (read: ReadDatabase) => new AccountsQuery(read) },
    Accounts,
    SignIn,
    SignInThrottlerGuard,
    RegisterFamilyHandler,
    StaffBootstrap,
  ],
})
export class AccountsModule {}
