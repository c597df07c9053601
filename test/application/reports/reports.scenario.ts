import { EventStore } from '../../../src/event-store/event-store.port';
import type { ClassLevel, FamilyCategory } from '../../../src/domain/shared/school';
import {
  AFTER_PHASES,
  aKey,
  addLine,
  decide,
  DURING_OPEN,
  DURING_PRIORITY,
  placeOrder,
} from '../../support/booking.seeding';
import { addChild, registerFamily, RegistrationBody, staffAuth, validateFamily } from '../../support/journey';
import {
  createProgram,
  definePhase,
  OPEN_PHASE,
  PRIORITY_PHASE,
  scheduleActivity,
} from '../../support/program.seeding';
import type { TestApp } from '../../support/test-app';

/**
 * A program with known figures, built through the HTTP routes (the allocation's decisions through
 * the booking decider, as its saga writes them). Chess has 2 seats for 4 requests (a 5th cancelled
 * by staff for the wrong class); pottery 3 seats for 4 requests, one found ineligible.
 *
 *   Éloïse (tier 1) chess RESERVED, pottery RESERVED     Nina (tier 2) chess CAPACITY, pottery RESERVED
 *   Jules  (tier 1) chess RESERVED, pottery RESERVED     Hugo (tier 2) chess CAPACITY, pottery INELIGIBLE
 *   Léon   (tier 1) chess cancelled WRONG_CLASS
 */
export const YEAR = '2025-2026';
export const CHESS = 'Échecs « rapides »; club "Roi"';
export const ZOE = { firstName: 'Zoé', lastName: `L'Hôte "Zizou"; Müller`, phone: '+33 6 11 11 11 11' };
export const JEAN = { firstName: 'Jean', lastName: 'Dupré', phone: '06 22 22 22 22' };
export const ELOISE_LAST_NAME = `D'Artagnan; "la Fine"`;
export const ZOE_BILLING = `Zoé L'Hôte; "Zizou"`;
export const ALLOCATED_AT = '2025-06-21T10:00:00.000Z';

export interface Scenario {
  programId: string;
  chess: string;
  pottery: string;
  families: { zoe: Family; martin: Family; bernard: Family };
  /** the position of the BookingPhaseClosed of the phase open to all, before the allocation */
  closedAt: number;
}

interface Family {
  familyId: string;
  auth: string;
  email: string;
  children: Record<string, string>;
}

export async function reportsScenario(t: TestApp): Promise<Scenario> {
  t.clock.set('2025-03-01T08:00:00.000Z');
  const staff = await staffAuth(t);
  const programId = await createProgram(t, staff, { name: 'Activités Primaires 2025-2026', cycle: 'PRIMAIRE' });
  const levels = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];
  const at = (weekday: string, start: string, end: string) => ({ weekday, start, end });
  const chess = await scheduleActivity(t, staff, programId, {
    ...{ name: CHESS, slot: at('MONDAY', '16:30', '17:30'), priceCents: 4_500, acceptedLevels: levels, capacity: 2 },
  });
  const pottery = await scheduleActivity(t, staff, programId, {
    ...{ name: 'Poterie', slot: at('WEDNESDAY', '14:00', '15:00'), priceCents: 12_000, acceptedLevels: levels },
    capacity: 3,
  });
  await definePhase(t, staff, programId, PRIORITY_PHASE);
  const open = await definePhase(t, staff, programId, OPEN_PHASE);
  const family = async (category: FamilyCategory, registration: Partial<RegistrationBody>, children: Child[]) => {
    const registered = await registerFamily(t, registration);
    const ids: Record<string, string> = {};
    for (const child of children) ids[child.firstName] = await addChild(t, registered.auth, child);
    await validateFamily(t, staff, registered.familyId, { schoolYear: YEAR, category, programIds: [programId] });
    return { ...registered, children: ids };
  };
  const zoe = await family('RETURNING_MEMBER', { guardians: [ZOE, JEAN] }, [
    { firstName: 'Éloïse', lastName: ELOISE_LAST_NAME, birthDate: '2019-02-03', classLevel: 'CP' },
  ]);
  const martin = await family('RETURNING_MEMBER', {}, [
    { firstName: 'Jules', lastName: 'Martin', birthDate: '2018-02-03', classLevel: 'CE1' },
    { firstName: 'Léon', lastName: 'Martin', birthDate: '2017-02-03', classLevel: 'CE2' },
  ]);
  const bernard = await family(
    'NEW_FAMILY',
    { guardians: [{ firstName: 'Inès', lastName: 'Bernard', phone: '06 33 33 33 33' }] },
    [
      { firstName: 'Nina', lastName: 'Bernard', birthDate: '2015-02-03', classLevel: 'CM1' },
      { firstName: 'Hugo', lastName: 'Bernard', birthDate: '2019-06-03', classLevel: 'CP' },
    ],
  );

  const order = async (f: Family, child: string, activities: string[], billingName: string) => {
    for (const activityId of activities) await addLine(t, f.auth, f.children[child], programId, activityId).expect(201);
    const billing = {
      name: billingName,
      address: { line1: '12 rue Victor Hugo', postalCode: '92300', city: 'Levallois-Perret' },
    };
    const response = await placeOrder(t, f.auth, f.children[child], aKey(), { billing }).expect(201);
    return (activityId: string) => `${response.body.orderId as string}:${activityId}`;
  };
  t.clock.set(DURING_PRIORITY);
  const eloise = await order(zoe, 'Éloïse', [chess, pottery], ZOE_BILLING);
  const jules = await order(martin, 'Jules', [chess, pottery], 'Camille Martin');
  const leon = await order(martin, 'Léon', [chess], 'Camille Martin');
  await t
    .http()
    .post(`/reservations/${leon(chess)}/cancellation`)
    .set('Authorization', staff)
    .send({ reason: 'WRONG_CLASS' })
    .expect(200);
  t.clock.set(DURING_OPEN);
  const nina = await order(bernard, 'Nina', [chess, pottery], 'Famille Bernard');
  const hugo = await order(bernard, 'Hugo', [chess, pottery], 'Famille Bernard');
  t.clock.set(AFTER_PHASES);
  await t.http().post(`/programs/${programId}/phases/${open}/close`).set('Authorization', staff).send({}).expect(200);
  const closedAt = (await t.app.get(EventStore).headPosition()) ?? 0;

  t.clock.set(ALLOCATED_AT);
  const reserve = { outcome: 'RESERVED', rank: 1, lotteryNumber: 'ab'.repeat(32), tier: 1 } as const;
  await decide(t, zoe.children['Éloïse'], eloise(chess), reserve);
  await decide(t, martin.children['Jules'], jules(chess), reserve);
  await decide(t, bernard.children['Nina'], nina(chess), { outcome: 'REJECTED', reason: 'CAPACITY' });
  await decide(t, bernard.children['Hugo'], hugo(chess), { outcome: 'REJECTED', reason: 'CAPACITY' });
  await decide(t, zoe.children['Éloïse'], eloise(pottery), reserve);
  await decide(t, martin.children['Jules'], jules(pottery), reserve);
  await decide(t, bernard.children['Nina'], nina(pottery), reserve);
  await decide(t, bernard.children['Hugo'], hugo(pottery), { outcome: 'REJECTED', reason: 'INELIGIBLE' });
  return { programId, chess, pottery, families: { zoe, martin, bernard }, closedAt };
}

interface Child {
  firstName: string;
  lastName: string;
  birthDate: string;
  classLevel: ClassLevel;
}
