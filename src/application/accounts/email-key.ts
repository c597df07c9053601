import { createHash } from 'node:crypto';

/** The e-mail as accounts compare it: `Anne@Example.org ` and `anne@example.org` are one account. */
export function normalisedEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The key of an account's stream (`accountStream(emailKey)`): SHA-256 hex of the normalised
 * e-mail, so that the stream id makes e-mails unique without writing the address into it.
 */
export function emailKey(email: string): string {
  return createHash('sha256').update(normalisedEmail(email)).digest('hex');
}
