/**
 * How a family checks its lottery number without our code: the recipe of src/allocation/lottery.ts,
 * with its own family and activity filled in. Before approval the seed is not shown: `$SEED`.
 */
export function howToCheck(familyId: string, activityId: string, seed: string | null): string {
  const key = seed ?? '$SEED';
  return [
    `Your lottery number for this activity is HMAC-SHA-256 with the seed's bytes as key (decode its hex) ` +
      `and the text "${familyId}:${activityId}" as message, written in lower-case hex:`,
    `printf '%s' '${familyId}:${activityId}' | openssl dgst -sha256 -mac HMAC -macopt hexkey:${key}`,
    `The seed's SHA-256 is the commitment published when the booking phase closed, before the draw:`,
    `printf '%s' '${key}' | xxd -r -p | sha256sum`,
    'In each activity, requests are ranked by tier (1 before 2), then by lottery number (lower first); ' +
      'seats go to the first ranks, up to the seats left. Siblings share their family’s number.',
  ].join('\n');
}
