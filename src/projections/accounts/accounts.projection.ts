import { accountStream } from '../../domain/account/account.decider';
import type { AccountRegistered } from '../../domain/account/account.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../projection';
import { perDatabase } from '../per-database';

const PREFIX = accountStream('');

/**
 * How to sign in: e-mail key → account, role, family and password hash. Sign-in reads it, and
 * folds the account stream only when an account is not here yet.
 */
export const accountsProjection: Projection = {
  name: 'accounts',
  version: 1,
  tables: ['accounts'],
  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS accounts (
      email_key TEXT PRIMARY KEY,
      account_id TEXT NOT NULL UNIQUE,
      email TEXT NOT NULL,
      role TEXT NOT NULL,
      family_id TEXT,
      password_hash TEXT NOT NULL,
      registered_at TEXT NOT NULL
    ) WITHOUT ROWID`);
  },
  handles: new Set(['AccountRegistered']),
  apply(db, event) {
    const { data } = event as RecordedEvent<AccountRegistered['type'], AccountRegistered['data']>;
    // the stream id holds the key the application computed: the read model never re-derives it
    const key = event.streamId.startsWith(PREFIX) ? event.streamId.slice(PREFIX.length) : event.streamId;
    insert(db).run(
      key,
      data.accountId,
      data.email,
      data.role,
      data.familyId ?? null,
      data.passwordHash,
      data.registeredAt,
    );
  },
};

const insert = perDatabase((db) =>
  db.prepare(
    `INSERT OR REPLACE INTO accounts (email_key, account_id, email, role, family_id, password_hash, registered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
);
