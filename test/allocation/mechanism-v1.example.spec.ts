import { AllocationInput, AllocationRequest } from '../../src/allocation/allocation.types';
import { lotteryNumber, seedCommitment } from '../../src/allocation/lottery';
import { allocateV1 } from '../../src/allocation/mechanism-v1';
import { ClassLevel, Tier } from '../../src/domain/shared/school';

/**
 * A round worked out by hand. The numbers were computed once outside our code, with
 *   SEED=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
 *   printf '%s' "famille-a:atelier-cirque" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$SEED
 *   printf '%s' "$SEED" | xxd -r -p | sha256sum
 */
const SEED = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const COMMITMENT = '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd';
const N = {
  aCirque: '18e21034e7b4193041a58b5ac4d4c65481859d05472bd8c20a19fb1bdbdfc981',
  bCirque: '333931c68680bb6036c52cbdc6cdfdaba300445aace915c8609cf4e4fbe36051',
  cCirque: '43a88d94257d3221bb35ab1d9e890abd5352858c2d250e5a154ed9d199e9f5d0',
  dCirque: '15d368af54fe6a339f5a04502d363f266801162945bc70d0afb1d63bc9fe85fe',
  aEchecs: '64e756f451bd81133464312430ef729c1f4f027dc8054ff3b966e2350c091059',
  cEchecs: 'f32a136a8fc1a4e19bdc0dc1f705eb9cb45675ed1a66ed48d34e5e22a953fcc3',
  eEchecs: '1cbb5a6abeeb7b1dc69d9417a04ce9d13c9ef1d44de6f715ea9c259d69c5bd16',
  bPoterie: '6f2bc93e3eee408292e152013751bf7805cf15c40ba898fd30e999af315f1b89',
  eInconnu: '1820b66358d439d96e76fb002fe0ed5224f5e53f90539b89220824a54d0f6d65',
};

// famille-a (tier 1): a1 in CP, a2 in CE1; famille-b (tier 2): b1 in CP; famille-c (tier 1): c1 in
// CE1; famille-d (tier 1, account not validated): d1 in CP; famille-e (tier 2): e1 in CE2.
const CHILDREN: Record<string, { familyId: string; tier: Tier; classLevel: ClassLevel; validated: boolean }> = {
  a1: { familyId: 'famille-a', tier: 1, classLevel: 'CP', validated: true },
  a2: { familyId: 'famille-a', tier: 1, classLevel: 'CE1', validated: true },
  b1: { familyId: 'famille-b', tier: 2, classLevel: 'CP', validated: true },
  c1: { familyId: 'famille-c', tier: 1, classLevel: 'CE1', validated: true },
  d1: { familyId: 'famille-d', tier: 1, classLevel: 'CP', validated: false },
  e1: { familyId: 'famille-e', tier: 2, classLevel: 'CE2', validated: true },
};

function request(reservationId: string, child: string, activity: string): AllocationRequest {
  const { familyId, tier, classLevel, validated } = CHILDREN[child];
  const activityId = `atelier-${activity}`;
  return {
    reservationId,
    childId: `enfant-${child}`,
    familyId,
    activityId,
    tier,
    classLevel,
    accountValidated: validated,
  };
}

const input: AllocationInput = {
  mechanismVersion: 'v1',
  seed: SEED,
  activities: [
    { activityId: 'atelier-cirque', capacity: 2, reservedSeats: 0, acceptedLevels: ['CP', 'CE1'] },
    { activityId: 'atelier-echecs', capacity: 3, reservedSeats: 2, acceptedLevels: ['CE1', 'CE2'] },
    { activityId: 'atelier-poterie', capacity: 1, reservedSeats: 1, acceptedLevels: ['CP'] },
  ],
  requests: [
    request('r12', 'e1', 'inconnu'),
    request('r03', 'b1', 'cirque'),
    request('r01', 'a1', 'cirque'),
    request('r02', 'a2', 'cirque'),
    request('r04', 'c1', 'cirque'),
    request('r05', 'd1', 'cirque'),
    request('r06', 'c1', 'echecs'),
    request('r07', 'e1', 'echecs'),
    request('r08', 'a2', 'echecs'),
    request('r09', 'a1', 'echecs'),
    request('r10', 'b1', 'poterie'),
    request('r11', 'c1', 'cirque'),
  ],
};

/** reservationId → [outcome, reason or detail, rank, lottery number] */
function table() {
  return allocateV1(input).decisions.map((d) => {
    if (d.outcome === 'RESERVED') return [d.reservationId, 'RESERVED', d.rank, d.lotteryNumber];
    if (d.reason === 'CAPACITY') return [d.reservationId, 'CAPACITY', d.rank, d.lotteryNumber, d.cutOff];
    return [d.reservationId, d.detail, null, d.lotteryNumber];
  });
}

describe('allocation mechanism v1, on a round worked out by hand', () => {
  it('derives the numbers and the commitment anyone can recompute with openssl', () => {
    expect(seedCommitment(SEED)).toBe(COMMITMENT);
    expect(lotteryNumber(SEED, 'famille-a', 'atelier-cirque')).toBe(N.aCirque);
    expect(lotteryNumber(SEED, 'famille-e', 'atelier-echecs')).toBe(N.eEchecs);
  });

  it('decides each activity on its own, by tier then lottery number, siblings side by side', () => {
    const cirqueCutOff = { tier: 1, lotteryNumber: N.aCirque };
    const echecsCutOff = { tier: 1, lotteryNumber: N.aEchecs };
    expect(table()).toEqual([
      // cirque, 2 seats: famille-a draws the best tier-1 number, and its two children (a1, a2 by
      // childId) take both seats; c1 is tier 1 but drew worse; b1 drew better than c1 but is tier 2
      ['r01', 'RESERVED', 1, N.aCirque],
      ['r02', 'RESERVED', 2, N.aCirque],
      ['r04', 'CAPACITY', 3, N.cCirque, cirqueCutOff],
      ['r03', 'CAPACITY', 4, N.bCirque, cirqueCutOff],
      // d1's family account is not validated; c1 asked twice: r04 comes first by reservationId
      ['r05', 'ACCOUNT_NOT_VALIDATED', null, N.dCirque],
      ['r11', 'DUPLICATE_REQUEST', null, N.cCirque],
      // échecs, 3 seats of which 2 taken by an earlier round: a2 beats c1 within tier 1; e1 is tier 2
      ['r08', 'RESERVED', 1, N.aEchecs],
      ['r06', 'CAPACITY', 2, N.cEchecs, echecsCutOff],
      ['r07', 'CAPACITY', 3, N.eEchecs, echecsCutOff],
      // a1 is in CP, which échecs does not accept
      ['r09', 'CLASS_LEVEL_NOT_ACCEPTED', null, N.aEchecs],
      // the round holds no activity atelier-inconnu
      ['r12', 'UNKNOWN_ACTIVITY', null, N.eInconnu],
      // poterie has no seat left: b1 is refused, with no cut-off to show
      ['r10', 'CAPACITY', 1, N.bPoterie, null],
    ]);
  });

  it('sums each activity up and reports who was left with nothing', () => {
    const { activities, fairness } = allocateV1(input);
    expect(activities).toEqual([
      {
        activityId: 'atelier-cirque',
        capacity: 2,
        reservedSeats: 0,
        remaining: 2,
        requestsByTier: { 1: 3, 2: 1 },
        seated: 2,
        refusedForCapacity: 2,
        ineligible: 2,
        seatsLeft: 0,
        cutOff: { tier: 1, lotteryNumber: N.aCirque },
      },
      {
        activityId: 'atelier-echecs',
        capacity: 3,
        reservedSeats: 2,
        remaining: 1,
        requestsByTier: { 1: 2, 2: 1 },
        seated: 1,
        refusedForCapacity: 2,
        ineligible: 1,
        seatsLeft: 0,
        cutOff: { tier: 1, lotteryNumber: N.aEchecs },
      },
      {
        activityId: 'atelier-poterie',
        capacity: 1,
        reservedSeats: 1,
        remaining: 0,
        requestsByTier: { 1: 0, 2: 1 },
        seated: 0,
        refusedForCapacity: 1,
        ineligible: 0,
        seatsLeft: 0,
        cutOff: null,
      },
    ]);
    // a1 and a2 have a seat; b1, c1, d1 and e1 have none; 3 of 12 requests seated
    expect(fairness).toMatchObject({
      children: 6,
      childrenWithNoneSeated: 4,
      requests: 12,
      seated: 3,
      shareSeated: 0.25,
    });
    expect(fairness.byTier[1]).toMatchObject({ children: 4, childrenWithNoneSeated: 2, requests: 8, seated: 3 });
    expect(fairness.byTier[2]).toMatchObject({ children: 2, childrenWithNoneSeated: 2, requests: 4, seated: 0 });
    expect(fairness.byClassLevel.CE1).toMatchObject({ children: 2, childrenWithNoneSeated: 1, requests: 5, seated: 2 });
    expect(fairness.byClassLevel.GS).toEqual({
      children: 0,
      childrenWithNoneSeated: 0,
      requests: 0,
      seated: 0,
      shareSeated: 0,
    });
  });
});
