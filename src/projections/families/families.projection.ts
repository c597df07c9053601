import type Database from 'better-sqlite3';
import { assertNever } from '../../domain/shared/decider';
import type { ChildEvent } from '../../domain/child/child.events';
import type { FamilyEvent } from '../../domain/family/family.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { setupSchema, type Projection, type ProjectionSchema } from '../projection';
import { perDatabase } from '../per-database';

const SCHEMA: ProjectionSchema = {
  tables: `
    CREATE TABLE IF NOT EXISTS families (
      family_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      email TEXT NOT NULL,
      guardians TEXT NOT NULL,
      address TEXT NOT NULL,
      current_school_year TEXT NOT NULL,
      registered_at TEXT NOT NULL,
      position INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS family_children (
      child_id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      first_name TEXT NOT NULL,
      last_name TEXT NOT NULL,
      birth_date TEXT NOT NULL,
      class_level TEXT NOT NULL,
      class_levels TEXT NOT NULL,
      position INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS family_school_years (
      family_id TEXT NOT NULL,
      school_year TEXT NOT NULL,
      up_to_date INTEGER NOT NULL,
      status TEXT NOT NULL,
      category TEXT,
      tier INTEGER,
      program_ids TEXT,
      reason TEXT,
      decided_by TEXT,
      decided_at TEXT,
      PRIMARY KEY (family_id, school_year)
    ) WITHOUT ROWID;
  `,
  // apply writes by primary key only: these serve the queries
  indexes: [
    'CREATE INDEX IF NOT EXISTS families_by_registration ON families (position)',
    'CREATE INDEX IF NOT EXISTS family_children_by_family ON family_children (family_id, position)',
    'CREATE INDEX IF NOT EXISTS family_school_years_by_status ON family_school_years (school_year, status)',
  ],
};

/**
 * Families as parents and staff read them: guardians, address, children with their class level
 * per school year, and for each school year whether the account is up to date and staff's
 * decision on it. Mirrors `evolveFamily`; staff's review list reads it, never the store.
 */
export const familiesProjection: Projection = {
  name: 'families',
  version: 1,
  tables: ['families', 'family_children', 'family_school_years'],
  schema: SCHEMA,
  setup: setupSchema(SCHEMA),
  handles: new Set<FamilyEvent['type']>([
    'FamilyRegistered',
    'ChildAdded',
    'ChildUpdated',
    'AccountUpdated',
    'AccountValidated',
    'AccountRejected',
  ]),
  apply(db, recorded) {
    const s = statementsOf(db);
    const event = { type: recorded.type, data: recorded.data } as FamilyEvent;
    switch (event.type) {
      case 'FamilyRegistered': {
        const { familyId, accountId, email, guardians, address, schoolYear, registeredAt } = event.data;
        s.insertFamily.run(
          familyId,
          accountId,
          email,
          JSON.stringify(guardians),
          JSON.stringify(address),
          schoolYear,
          registeredAt,
          recorded.position,
        );
        s.markUpToDate.run(familyId, schoolYear);
        return;
      }
      case 'ChildAdded':
      case 'ChildUpdated':
        return applyChildEvent(s, event, recorded);
      case 'AccountUpdated': {
        const { familyId, schoolYear, guardians, address, children } = event.data;
        s.updateFamily.run(JSON.stringify(guardians), JSON.stringify(address), schoolYear, familyId);
        for (const { childId, classLevel } of children) setClassLevel(s, childId, schoolYear, classLevel);
        s.markUpToDate.run(familyId, schoolYear);
        return;
      }
      case 'AccountValidated': {
        const { familyId, schoolYear, category, tier, programIds, validatedBy, validatedAt } = event.data;
        s.decide.run({
          familyId,
          schoolYear,
          status: 'VALIDATED',
          category,
          tier,
          programIds: JSON.stringify(programIds),
          reason: null,
          decidedBy: validatedBy,
          decidedAt: validatedAt,
        });
        return;
      }
      case 'AccountRejected': {
        const { familyId, schoolYear, reason, rejectedBy, rejectedAt } = event.data;
        s.decide.run({
          familyId,
          schoolYear,
          status: 'REJECTED',
          category: null,
          tier: null,
          programIds: null,
          reason,
          decidedBy: rejectedBy,
          decidedAt: rejectedAt,
        });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};

function applyChildEvent(s: Statements, event: ChildEvent, recorded: RecordedEvent): void {
  if (event.type === 'ChildAdded') {
    const { familyId, childId, firstName, lastName, birthDate, classLevel, schoolYear } = event.data;
    const classLevels = JSON.stringify({ [schoolYear]: classLevel });
    s.insertChild.run(childId, familyId, firstName, lastName, birthDate, classLevel, classLevels, recorded.position);
    return;
  }
  const { childId, changes, schoolYear } = event.data;
  const row = s.child.get(childId);
  if (row === undefined) return;
  s.updateChild.run(
    changes.firstName ?? row.first_name,
    changes.lastName ?? row.last_name,
    changes.birthDate ?? row.birth_date,
    childId,
  );
  if (changes.classLevel !== undefined) setClassLevel(s, childId, schoolYear, changes.classLevel);
}

/** as `evolveFamily`: the level given becomes the child's level, and the level for that school year */
function setClassLevel(s: Statements, childId: string, schoolYear: string, classLevel: string): void {
  const row = s.child.get(childId);
  if (row === undefined) return;
  const classLevels = { ...(JSON.parse(row.class_levels) as Record<string, string>), [schoolYear]: classLevel };
  s.setClassLevel.run(classLevel, JSON.stringify(classLevels), childId);
}

interface ChildRow {
  first_name: string;
  last_name: string;
  birth_date: string;
  class_levels: string;
}

type Statements = ReturnType<typeof prepare>;
const statementsOf = perDatabase(prepare);

function prepare(db: Database.Database) {
  return {
    insertFamily: db.prepare(
      `INSERT OR REPLACE INTO families
         (family_id, account_id, email, guardians, address, current_school_year, registered_at, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateFamily: db.prepare(
      `UPDATE families SET guardians = ?, address = ?, current_school_year = max(current_school_year, ?)
       WHERE family_id = ?`,
    ),
    markUpToDate: db.prepare(
      `INSERT INTO family_school_years (family_id, school_year, up_to_date, status) VALUES (?, ?, 1, 'NOT_VALIDATED')
       ON CONFLICT (family_id, school_year) DO UPDATE SET up_to_date = 1`,
    ),
    decide: db.prepare(
      `INSERT INTO family_school_years
         (family_id, school_year, up_to_date, status, category, tier, program_ids, reason, decided_by, decided_at)
       VALUES (@familyId, @schoolYear, 0, @status, @category, @tier, @programIds, @reason, @decidedBy, @decidedAt)
       ON CONFLICT (family_id, school_year) DO UPDATE SET
         status = @status, category = @category, tier = @tier, program_ids = @programIds, reason = @reason,
         decided_by = @decidedBy, decided_at = @decidedAt`,
    ),
    insertChild: db.prepare(
      `INSERT OR REPLACE INTO family_children
         (child_id, family_id, first_name, last_name, birth_date, class_level, class_levels, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    child: db.prepare<[string], ChildRow>(
      'SELECT first_name, last_name, birth_date, class_levels FROM family_children WHERE child_id = ?',
    ),
    updateChild: db.prepare(
      'UPDATE family_children SET first_name = ?, last_name = ?, birth_date = ? WHERE child_id = ?',
    ),
    setClassLevel: db.prepare('UPDATE family_children SET class_level = ?, class_levels = ? WHERE child_id = ?'),
  };
}
