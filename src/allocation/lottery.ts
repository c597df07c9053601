import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { RuleViolated } from '../domain/shared/errors';

/**
 * The seeded lottery of PRODUCT.md (Allocation, step 3), written so that anyone holding the
 * revealed seed can recompute every number without our code:
 *
 *   key     = the seed's bytes (the seed is written in hex; decode it, do not hash it)
 *   message = the UTF-8 bytes of `${familyId}:${activityId}` (no trailing newline)
 *   number  = HMAC-SHA-256(key, message), as 64 lower-case hex characters
 *
 *   printf '%s' "$FAMILY_ID:$ACTIVITY_ID" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$SEED
 *
 * The commitment published when the booking phase closes is SHA-256 of the same seed bytes:
 *
 *   printf '%s' "$SEED" | xxd -r -p | sha256sum
 *
 * Lower numbers rank better. All numbers have 64 hex digits, so comparing them as strings is
 * comparing them as numbers. The family, not the child, enters the message: siblings asking for
 * the same activity share a number and stand side by side; the activity enters it so that bad
 * luck in one activity says nothing about the next.
 */
export type LotteryDraw = (familyId: string, activityId: string) => string;

/** Short seeds would let anyone brute-force the published commitment before the draw. */
export const MIN_SEED_BYTES = 16;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

export function isValidSeed(seedHex: string): boolean {
  return HEX.test(seedHex) && seedHex.length >= 2 * MIN_SEED_BYTES;
}

function seedBytes(seedHex: string): Uint8Array {
  if (!isValidSeed(seedHex)) {
    throw new RuleViolated(
      `the seed must be written in hex and hold at least ${MIN_SEED_BYTES} bytes`,
      'INVALID_SEED',
    );
  }
  return hexToBytes(seedHex);
}

export function seedCommitment(seedHex: string): string {
  return bytesToHex(sha256(seedBytes(seedHex)));
}

/** Does the revealed seed hash to the commitment published before the draw? */
export function verifySeed(seedHex: string, commitment: string): boolean {
  return isValidSeed(seedHex) && seedCommitment(seedHex) === commitment.toLowerCase();
}

/**
 * A draw for one seed. The HMAC key schedule (inner and outer padded key blocks) is computed once
 * and cloned per number, which halves the cost of a number compared with `hmac(sha256, key, msg)`
 * (measured on 1,000,000 numbers); the scratch buffers are reused for the same reason.
 */
export function lotteryDraw(seedHex: string): LotteryDraw {
  const keyed = hmac.create(sha256, seedBytes(seedHex));
  const scratch = keyed.clone();
  const encoder = new TextEncoder();
  const digest = new Uint8Array(32);
  let message = new Uint8Array(256);
  return (familyId, activityId) => {
    const text = `${familyId}:${activityId}`;
    // UTF-8 needs at most 3 bytes per UTF-16 code unit
    if (text.length * 3 > message.length) message = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, message);
    keyed._cloneInto(scratch);
    scratch.update(message.subarray(0, written));
    scratch.digestInto(digest);
    return bytesToHex(digest);
  };
}

export function lotteryNumber(seedHex: string, familyId: string, activityId: string): string {
  return lotteryDraw(seedHex)(familyId, activityId);
}
