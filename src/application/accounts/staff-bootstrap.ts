import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventStore } from '../../event-store/event-store.port';
import { AppConfig } from '../config/app-config';
import { Clock } from '../shared/clock';
import { systemContext } from '../shared/command-context';
import { createStaffAccount, storeRunner } from './account-registration';

/**
 * Creates the first staff account from STAFF_EMAIL and STAFF_PASSWORD at start-up, when they are
 * set and no account has that e-mail yet; an existing account is left as it is. It writes to the
 * store without waiting for the read models, which may not be started yet: sign-in reads the
 * account's stream until they catch up.
 */
@Injectable()
export class StaffBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly config: AppConfig,
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { STAFF_EMAIL: email, STAFF_PASSWORD: password } = this.config;
    // in a cluster, the primary creates it
    if (email === undefined || password === undefined || this.config.PROCESS_ROLE === 'http') return;
    const outcome = await createStaffAccount(
      storeRunner(this.store),
      { accountId: randomUUID(), email, password },
      systemContext('staff-bootstrap', this.clock.now()),
    );
    this.logger.log(
      outcome.created
        ? `staff account ${email} created from STAFF_EMAIL`
        : `an account with STAFF_EMAIL ${email} already exists: left unchanged`,
    );
  }
}
