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
    throw new RuleViolated(`the seed must be written in hex and hold at least ${MIN_SEED_BYTES} bytes`, 'INVALID_SEED');
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
 * A draw for one seed, built for a million numbers (each choice measured on the benchmark's round):
 * - the HMAC key schedule (inner and outer padded key blocks) is computed once and cloned per
 *   number, half the cost of `hmac(sha256, key, message)`;
 * - the message is encoded into a reused buffer, the activity's bytes once per activity (the
 *   mechanism draws activity by activity);
 * - the hex is decoded from bytes in one go: noble's `bytesToHex` builds a 32-piece rope per
 *   number, which cost more in memory and GC than the HMAC itself.
 */
export function lotteryDraw(seedHex: string): LotteryDraw {
  const keyed = hmac.create(sha256, seedBytes(seedHex));
  const scratch = keyed.clone();
  const digest = new Uint8Array(32);
  const hex = new Uint8Array(64);
  let message = new Uint8Array(256);
  let activity = { id: '', bytes: new Uint8Array(0) };
  return (familyId, activityId) => {
    if (activity.id !== activityId) activity = { id: activityId, bytes: UTF8.encode(`:${activityId}`) };
    // UTF-8 needs at most 3 bytes per UTF-16 code unit
    const size = familyId.length * 3 + activity.bytes.length;
    if (size > message.length) message = new Uint8Array(size);
    const { written } = UTF8.encodeInto(familyId, message);
    message.set(activity.bytes, written);
    keyed._cloneInto(scratch);
    scratch.update(message.subarray(0, written + activity.bytes.length));
    scratch.digestInto(digest);
    for (let i = 0; i < 32; i++) {
      hex[2 * i] = HEX_DIGITS[digest[i] >> 4];
      hex[2 * i + 1] = HEX_DIGITS[digest[i] & 15];
    }
    return ASCII.decode(hex);
  };
}

const UTF8 = new TextEncoder();
const ASCII = new TextDecoder();
const HEX_DIGITS = UTF8.encode('0123456789abcdef');

export function lotteryNumber(seedHex: string, familyId: string, activityId: string): string {
  return lotteryDraw(seedHex)(familyId, activityId);
}
