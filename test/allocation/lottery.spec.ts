import { RuleViolated } from '../../src/domain/shared/errors';
import { lotteryDraw, lotteryNumber, seedCommitment, verifySeed } from '../../src/allocation/lottery';

// printf '%s' "family-999999:activity-4999" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$SEED
const SEED = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const OPENSSL = '08a1fcab88c233e9856996caf6c5122c56fa5cf2fff04e7feeb5886ed09fd744';

describe('lottery', () => {
  it('is HMAC-SHA-256 keyed by the seed bytes over "familyId:activityId", as openssl computes it', () => {
    expect(lotteryNumber(SEED, 'family-999999', 'activity-4999')).toBe(OPENSSL);
  });

  it('reads the seed in either case: the key is its bytes, not its text', () => {
    expect(lotteryNumber(SEED.toUpperCase(), 'family-999999', 'activity-4999')).toBe(OPENSSL);
    expect(verifySeed(SEED.toUpperCase(), seedCommitment(SEED))).toBe(true);
  });

  it('draws the same numbers one at a time as in a long draw, whatever came before', () => {
    const draw = lotteryDraw(SEED);
    const pairs = [
      ['f1', 'a1'],
      ['f2', 'a1'],
      ['famille-é', 'atelier-ü'],
      ['f'.repeat(300), 'a'],
      ['f1', 'a1'],
    ];
    for (const [family, activity] of pairs) expect(draw(family, activity)).toBe(lotteryNumber(SEED, family, activity));
  });

  it('encodes ids as UTF-8', () => {
    // printf '%s' "famille-é:atelier-ü" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$SEED
    expect(lotteryNumber(SEED, 'famille-é', 'atelier-ü')).toBe(
      '558a538f6520c2dd76872a53ecfb8634e2f687785c21e5c7a9480a9642450d18',
    );
  });

  it('refuses a seed that is not hex or too short to keep its commitment hiding', () => {
    expect(() => seedCommitment('abc')).toThrow(RuleViolated);
    expect(() => seedCommitment('zz'.repeat(32))).toThrow(RuleViolated);
    expect(() => seedCommitment('00'.repeat(15))).toThrow(RuleViolated);
    expect(verifySeed('00'.repeat(15), seedCommitment('00'.repeat(16)))).toBe(false);
  });
});
