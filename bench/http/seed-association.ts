/**
 * Seeds a realistic association straight into a fresh embedded store, through the real deciders
 * (the same events the HTTP routes would write, much faster): validated families with their
 * children, two programs of 40 activities each, and a booking phase open now for every tier.
 */
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { emailKey } from '../../src/application/accounts/email-key';
import { CommandContext } from '../../src/application/shared/command-context';
import { handleCommand } from '../../src/application/shared/handle-command';
import { accountDecider, accountStream } from '../../src/domain/account/account.decider';
import { familyDecider, familyStream } from '../../src/domain/family/family.decider';
import { programDecider, programStream } from '../../src/domain/program/program.decider';
import { ClassLevel, FamilyCategory, MATERNELLE_LEVELS, PRIMAIRE_LEVELS } from '../../src/domain/shared/school';
import { WEEKDAYS } from '../../src/domain/shared/slot';
import { EventStore } from '../../src/event-store/event-store.port';

export const SCHOOL_YEAR = '2025-2026';
export const PASSWORD = 'bench-password-2025';

export interface SeededChild {
  childId: string;
  programId: string;
  classLevel: ClassLevel;
}
export interface SeededActivity {
  activityId: string;
  name: string;
  slot: { weekday: (typeof WEEKDAYS)[number]; start: string; end: string };
  priceCents: number;
  acceptedLevels: ClassLevel[];
}
export interface SeededFamily {
  familyId: string;
  email: string;
  children: SeededChild[];
}
export interface SeededAssociation {
  families: SeededFamily[];
  programs: { programId: string; activityIds: string[]; activities: SeededActivity[] }[];
}

const SLOTS = ['08:30', '09:30', '10:30', '13:30', '14:30', '15:30', '16:30', '17:30'];

/** a small deterministic PRNG, so that two runs seed the same association */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedAssociation(
  store: EventStore,
  options: { families: number; children: number; now: Date },
): Promise<SeededAssociation> {
  const random = mulberry32(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const at = options.now.toISOString();
  const context = (): CommandContext => ({
    commandId: randomUUID(),
    correlationId: 'seed',
    causationId: 'seed',
    actor: 'system:bench-seed',
    now: options.now,
  });
  const program = (id: string, data: object) =>
    handleCommand(store, programStream(id), programDecider, data as never, context());

  const programs = [];
  for (const [cycle, levels] of [
    ['MATERNELLE', MATERNELLE_LEVELS],
    ['PRIMAIRE', PRIMAIRE_LEVELS],
  ] as const) {
    const programId = randomUUID();
    await program(programId, {
      type: 'CreateProgram',
      data: {
        programId,
        name: `Activités ${cycle === 'MATERNELLE' ? 'Maternelles' : 'Primaires'} ${SCHOOL_YEAR}`,
        cycle,
        schoolYear: SCHOOL_YEAR,
        typicalWeek: { from: '2025-09-08', to: '2025-09-12' },
        createdBy: 'staff:bench',
        createdAt: at,
      },
    });
    const activities: SeededActivity[] = [];
    for (let i = 0; i < 40; i++) {
      const start = SLOTS[i % SLOTS.length];
      const end = `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:${start.slice(3)}`;
      const activity: SeededActivity = {
        activityId: randomUUID(),
        name: `Atelier ${i + 1}`,
        slot: { weekday: WEEKDAYS[Math.floor(i / SLOTS.length)], start, end },
        priceCents: 4500 + 500 * (i % 4),
        acceptedLevels: [...levels],
      };
      await program(programId, {
        type: 'ScheduleActivity',
        data: { ...activity, capacity: 12 + (i % 5) * 2, now: at },
      });
      activities.push(activity);
    }
    const activityIds = activities.map((a) => a.activityId);
    const opensAt = new Date(options.now.getTime() + 1000).toISOString();
    const closesAt = new Date(options.now.getTime() + 24 * 3600_000).toISOString();
    await program(programId, {
      type: 'DefineBookingPhase',
      data: { phaseId: randomUUID(), name: 'Phase ouverte à tous', opensAt, closesAt, admittedTiers: [1, 2], now: at },
    });
    programs.push({ programId, activityIds, activities, levels: levels as readonly ClassLevel[] });
  }

  const passwordHash = await hash(PASSWORD);
  const families: SeededFamily[] = [];
  for (let f = 0; f < options.families; f++) {
    const familyId = randomUUID();
    const accountId = randomUUID();
    const email = `famille-${f}@bench.example`;
    await handleCommand(
      store,
      accountStream(emailKey(email)),
      accountDecider,
      {
        type: 'RegisterAccount',
        data: { accountId, email, passwordHash, role: 'parent', familyId, registeredAt: at },
      } as never,
      context(),
    );
    const family = (data: object) =>
      handleCommand(store, familyStream(familyId), familyDecider, data as never, context());
    await family({
      type: 'RegisterFamily',
      data: {
        familyId,
        accountId,
        email,
        guardians: [{ firstName: 'Camille', lastName: `Martin-${f}`, phone: '+33612345678' }],
        address: { line1: `${f} rue Victor Hugo`, postalCode: '75015', city: 'Paris' },
        schoolYear: SCHOOL_YEAR,
        registeredAt: at,
      },
    });
    // every family has one child; the extra children go to the first families
    const count = 1 + (f < options.children - options.families ? 1 : 0);
    const children: SeededChild[] = [];
    for (let c = 0; c < count; c++) {
      const target = pick(programs);
      const childId = randomUUID();
      const classLevel = pick(target.levels);
      await family({
        type: 'AddChild',
        data: {
          childId,
          firstName: `Enfant${c}`,
          lastName: `Martin-${f}`,
          birthDate: target.levels === MATERNELLE_LEVELS ? '2021-03-04' : '2017-03-04',
          classLevel,
          addedAt: at,
        },
      });
      children.push({ childId, programId: target.programId, classLevel });
    }
    const category: FamilyCategory = f % 3 === 0 ? 'NEW_FAMILY' : 'RETURNING_MEMBER';
    await family({
      type: 'ValidateAccount',
      data: {
        schoolYear: SCHOOL_YEAR,
        category,
        programIds: programs.map((p) => p.programId),
        validatedBy: 'staff:bench',
        validatedAt: at,
      },
    });
    families.push({ familyId, email, children });
  }
  return {
    families,
    programs: programs.map(({ programId, activityIds, activities }) => ({ programId, activityIds, activities })),
  };
}
