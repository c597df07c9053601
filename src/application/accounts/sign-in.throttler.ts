import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import {
  minutes,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModule,
  ThrottlerModuleOptions,
} from '@nestjs/throttler';
import { PrimaryThrottlerStorage } from '../cluster/primary-throttler-storage';
import { primaryLink } from '../cluster/primary-link';
import { AppConfig } from '../config/app-config';
import { emailKey } from './email-key';

/** the two limits of sign-in attempts, each SIGN_IN_LIMIT_PER_MINUTE a minute */
export const SIGN_IN_BY_ADDRESS = 'sign-in-by-address';
export const SIGN_IN_BY_ACCOUNT = 'sign-in-by-account';

/**
 * Counts attempts per account, whatever the address they come from (guessing one parent's
 * password from many machines), keyed by the e-mail's hash so that no e-mail sits in memory.
 * Runs before validation: a body without an e-mail shares one count.
 */
export function accountTracker(req: Record<string, unknown>): string {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `account:${emailKey(email)}` : 'account:none';
}

/**
 * The throttlers exist for sign-in only: no global guard, `SignInThrottlerGuard` on the route.
 * The address limit uses the guard's default tracker, the client address (`req.ip`).
 */
export const SignInThrottlerModule = ThrottlerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig): ThrottlerModuleOptions => ({
    throttlers: [
      { name: SIGN_IN_BY_ADDRESS, ttl: minutes(1), limit: config.SIGN_IN_LIMIT_PER_MINUTE },
      {
        name: SIGN_IN_BY_ACCOUNT,
        ttl: minutes(1),
        limit: config.SIGN_IN_LIMIT_PER_MINUTE,
        getTracker: (req) => accountTracker(req),
      },
    ],
    // in an HTTP worker of a cluster, attempts are counted by the primary, once for all workers
    ...(config.PROCESS_ROLE === 'http' && { storage: new PrimaryThrottlerStorage(primaryLink()) }),
    errorMessage: (_context, limit) =>
      `Too many sign-in attempts for this account or from this address: wait ${limit.timeToBlockExpire} seconds, then try again.`,
  }),
});

/** The throttler guard, answering 429 in the service's error format. */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new HttpException(
      { error: 'TOO_MANY_SIGN_IN_ATTEMPTS', message: await this.getErrorMessage(context, limit) },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
