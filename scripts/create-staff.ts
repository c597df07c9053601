/**
 * npm run staff:create -- --email anne@example.org --password '…' — creates a staff account in
 * the configured store (DATA_DIR, or EventStoreDB when EVENTSTORE_CONNECTION_STRING is set), by
 * the same code path as STAFF_EMAIL at start-up. An existing account with that e-mail is left as
 * it is. The password may come from STAFF_PASSWORD instead, to keep it out of the shell history.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createStaffAccount, storeRunner } from '../src/application/accounts/account-registration';
import { validateConfig } from '../src/application/config/app-config';
import { openEventStore } from '../src/application/event-store/infrastructure.module';
import { systemContext } from '../src/application/shared/command-context';

const USAGE = 'usage: npm run staff:create -- --email <e-mail> --password <at least 12 characters>';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' } } });
  const email = values.email ?? process.env.STAFF_EMAIL;
  const password = values.password ?? process.env.STAFF_PASSWORD;
  if (!email || !password) {
    console.error(USAGE);
    process.exit(2);
  }
  // the rules of STAFF_EMAIL and STAFF_PASSWORD at start-up apply here too
  const config = validateConfig({ ...process.env, STAFF_EMAIL: email, STAFF_PASSWORD: password });
  const store = await openEventStore(config);
  try {
    const outcome = await createStaffAccount(
      storeRunner(store),
      { accountId: randomUUID(), email, password },
      systemContext('create-staff', new Date()),
    );
    const where = config.EVENTSTORE_CONNECTION_STRING ? 'EventStoreDB' : `the store in ${config.DATA_DIR}`;
    console.log(
      outcome.created
        ? `Created the staff account ${email} (account ${outcome.accountId}) in ${where}.`
        : `An account with the e-mail ${email} already exists in ${where}: nothing changed.`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
