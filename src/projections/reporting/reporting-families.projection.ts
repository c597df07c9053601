import type Database from 'better-sqlite3';
import type { FamilyEvent } from '../../domain/family/family.events';
import { assertNever } from '../../domain/shared/decider';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../projection';
import { perDatabase } from '../per-database';

/**
 * What the reports need to know of families: the contact of each family (roster), each child's
 * name and class level per school year (roster), and the tier of the latest validation of each
 * family per school year (demand by tier). Its own tables, so that a point-in-time report replays
 * the reporting projections alone.
 */
type ReportedFamilyEvent = Exclude<FamilyEvent, { type: 'AccountRejected' }>;

const HANDLED: { [Type in ReportedFamilyEvent['type']]: true } = {
  FamilyRegistered: true,
  ChildAdded: true,
  ChildUpdated: true,
  AccountUpdated: true,
  AccountValidated: true,
};

function setup(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS report_families (
      family_id TEXT PRIMARY KEY,
      email TEXT NOT NULL,
      guardians TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_children (
      child_id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      first_name TEXT NOT NULL,
      last_name TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_class_levels (
      child_id TEXT NOT NULL,
      school_year TEXT NOT NULL,
      class_level TEXT NOT NULL,
      PRIMARY KEY (child_id, school_year)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_tiers (
      family_id TEXT NOT NULL,
      school_year TEXT NOT NULL,
      tier INTEGER NOT NULL,
      category TEXT NOT NULL,
      validated_at TEXT NOT NULL,
      PRIMARY KEY (family_id, school_year)
    ) WITHOUT ROWID;
  `);
}

const statementsOf = perDatabase((db) => ({
  upsertFamily: db.prepare(
    `INSERT INTO report_families (family_id, email, guardians) VALUES (?, ?, ?)
     ON CONFLICT (family_id) DO UPDATE SET email = excluded.email, guardians = excluded.guardians`,
  ),
  setGuardians: db.prepare('UPDATE report_families SET guardians = ? WHERE family_id = ?'),
  upsertChild: db.prepare(
    `INSERT INTO report_children (child_id, family_id, first_name, last_name) VALUES (?, ?, ?, ?)
     ON CONFLICT (child_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name`,
  ),
  renameChild: db.prepare(
    `UPDATE report_children SET first_name = COALESCE(?, first_name), last_name = COALESCE(?, last_name)
     WHERE child_id = ?`,
  ),
  setClassLevel: db.prepare(
    `INSERT INTO report_class_levels (child_id, school_year, class_level) VALUES (?, ?, ?)
     ON CONFLICT (child_id, school_year) DO UPDATE SET class_level = excluded.class_level`,
  ),
  setTier: db.prepare(
    `INSERT INTO report_tiers (family_id, school_year, tier, category, validated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (family_id, school_year) DO UPDATE SET
       tier = excluded.tier, category = excluded.category, validated_at = excluded.validated_at`,
  ),
}));

function apply(db: Database.Database, recorded: RecordedEvent): void {
  const s = statementsOf(db);
  const event = recorded as unknown as ReportedFamilyEvent;
  switch (event.type) {
    case 'FamilyRegistered': {
      const { familyId, email, guardians } = event.data;
      s.upsertFamily.run(familyId, email, JSON.stringify(guardians));
      return;
    }
    case 'AccountUpdated': {
      const { familyId, schoolYear, guardians, children } = event.data;
      s.setGuardians.run(JSON.stringify(guardians), familyId);
      for (const { childId, classLevel } of children) s.setClassLevel.run(childId, schoolYear, classLevel);
      return;
    }
    case 'ChildAdded': {
      const { familyId, childId, firstName, lastName, classLevel, schoolYear } = event.data;
      s.upsertChild.run(childId, familyId, firstName, lastName);
      s.setClassLevel.run(childId, schoolYear, classLevel);
      return;
    }
    case 'ChildUpdated': {
      const { childId, changes, schoolYear } = event.data;
      if (changes.firstName !== undefined || changes.lastName !== undefined) {
        s.renameChild.run(changes.firstName ?? null, changes.lastName ?? null, childId);
      }
      if (changes.classLevel !== undefined) s.setClassLevel.run(childId, schoolYear, changes.classLevel);
      return;
    }
    case 'AccountValidated': {
      // "a later validation for the same year replaces it" (family.events.ts)
      const { familyId, schoolYear, tier, category, validatedAt } = event.data;
      s.setTier.run(familyId, schoolYear, tier, category, validatedAt);
      return;
    }
    default:
      return assertNever(event);
  }
}

export const reportingFamiliesProjection: Projection = {
  name: 'reporting-families',
  version: 1,
  tables: ['report_families', 'report_children', 'report_class_levels', 'report_tiers'],
  handles: new Set(Object.keys(HANDLED)),
  setup,
  apply,
};
