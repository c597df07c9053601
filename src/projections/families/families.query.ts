import type { ClassLevel, FamilyCategory, SchoolYear, Tier } from '../../domain/shared/school';
import type { Address, Guardian } from '../../domain/family/family.events';
import type { ReadDatabase } from '../read-database';

export const VALIDATION_STATUSES = ['NOT_VALIDATED', 'VALIDATED', 'REJECTED'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

/** Staff's decision on the account for one school year; `decidedBy` is the staff account. */
export type ValidationView =
  | { status: 'NOT_VALIDATED' }
  | {
      status: 'VALIDATED';
      category: FamilyCategory;
      tier: Tier;
      programIds: string[];
      decidedBy: string;
      decidedAt: string;
    }
  | { status: 'REJECTED'; reason: string; decidedBy: string; decidedAt: string };

export interface SchoolYearView {
  schoolYear: SchoolYear;
  /** the family registered or updated its account for this school year */
  upToDate: boolean;
  validation: ValidationView;
}

export interface ChildView {
  childId: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  /** for the family's current school year */
  classLevel: ClassLevel;
  classLevels: Record<SchoolYear, ClassLevel>;
}

export interface FamilyView {
  familyId: string;
  accountId: string;
  email: string;
  guardians: Guardian[];
  address: Address;
  currentSchoolYear: SchoolYear;
  registeredAt: string;
  children: ChildView[];
  /** every school year the family was up to date for or decided on, oldest first */
  schoolYears: SchoolYearView[];
}

/** A line of staff's review list. */
export interface FamilySummary {
  familyId: string;
  email: string;
  guardians: { firstName: string; lastName: string }[];
  childrenCount: number;
  /** the school year this line is about: the one asked for, or the family's current one */
  schoolYear: SchoolYear;
  upToDate: boolean;
  status: ValidationStatus;
  category?: FamilyCategory;
  tier?: Tier;
}

export interface FamilyFilter {
  /** omitted: each family for its current school year */
  schoolYear?: SchoolYear;
  status?: ValidationStatus;
  upToDate?: boolean;
  limit: number;
  offset: number;
}

interface FamilyRow {
  family_id: string;
  account_id: string;
  email: string;
  guardians: string;
  address: string;
  current_school_year: string;
  registered_at: string;
}

interface ChildRow {
  child_id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  class_level: ClassLevel;
  class_levels: string;
}

interface SchoolYearRow {
  school_year: string;
  up_to_date: number;
  status: ValidationStatus;
  category: FamilyCategory | null;
  tier: Tier | null;
  program_ids: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

interface SummaryRow {
  family_id: string;
  email: string;
  guardians: string;
  school_year: string;
  up_to_date: number;
  status: ValidationStatus;
  category: FamilyCategory | null;
  tier: Tier | null;
  children_count: number;
}

/** the line of each family for the year asked, or its current year; no line: not up to date, not decided */
const REVIEW_LINES = `
  FROM families f
  LEFT JOIN family_school_years y
    ON y.family_id = f.family_id AND y.school_year = coalesce(@schoolYear, f.current_school_year)
  WHERE (@status IS NULL OR coalesce(y.status, 'NOT_VALIDATED') = @status)
    AND (@upToDate IS NULL OR coalesce(y.up_to_date, 0) = @upToDate)`;

export class FamiliesQuery {
  constructor(private readonly read: ReadDatabase) {}

  family(familyId: string): FamilyView | undefined {
    const db = this.read.db;
    const row = db
      .prepare<[string], FamilyRow>(
        `SELECT family_id, account_id, email, guardians, address, current_school_year, registered_at
         FROM families WHERE family_id = ?`,
      )
      .get(familyId);
    if (row === undefined) return undefined;
    const children = db
      .prepare<[string], ChildRow>(
        `SELECT child_id, first_name, last_name, birth_date, class_level, class_levels
         FROM family_children WHERE family_id = ? ORDER BY position`,
      )
      .all(familyId);
    const years = db
      .prepare<[string], SchoolYearRow>(
        `SELECT school_year, up_to_date, status, category, tier, program_ids, reason, decided_by, decided_at
         FROM family_school_years WHERE family_id = ? ORDER BY school_year`,
      )
      .all(familyId);
    return {
      familyId: row.family_id,
      accountId: row.account_id,
      email: row.email,
      guardians: JSON.parse(row.guardians) as Guardian[],
      address: JSON.parse(row.address) as Address,
      currentSchoolYear: row.current_school_year,
      registeredAt: row.registered_at,
      children: children.map((child) => ({
        childId: child.child_id,
        firstName: child.first_name,
        lastName: child.last_name,
        birthDate: child.birth_date,
        classLevel: child.class_level,
        classLevels: JSON.parse(child.class_levels) as Record<SchoolYear, ClassLevel>,
      })),
      schoolYears: years.map((year) => ({
        schoolYear: year.school_year,
        upToDate: year.up_to_date === 1,
        validation: validationOf(year),
      })),
    };
  }

  /** staff's review list, oldest registrations first */
  list(filter: FamilyFilter): { total: number; families: FamilySummary[] } {
    const db = this.read.db;
    const params = {
      schoolYear: filter.schoolYear ?? null,
      status: filter.status ?? null,
      upToDate: filter.upToDate === undefined ? null : Number(filter.upToDate),
    };
    const total = db
      .prepare<[typeof params], { total: number }>(`SELECT count(*) AS total ${REVIEW_LINES}`)
      .get(params);
    const rows = db
      .prepare<[typeof params & { limit: number; offset: number }], SummaryRow>(
        `SELECT f.family_id, f.email, f.guardians,
                coalesce(@schoolYear, f.current_school_year) AS school_year,
                coalesce(y.up_to_date, 0) AS up_to_date, coalesce(y.status, 'NOT_VALIDATED') AS status,
                y.category, y.tier,
                (SELECT count(*) FROM family_children c WHERE c.family_id = f.family_id) AS children_count
         ${REVIEW_LINES}
         ORDER BY f.position
         LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: filter.limit, offset: filter.offset });
    return {
      total: total?.total ?? 0,
      families: rows.map((row) => ({
        familyId: row.family_id,
        email: row.email,
        guardians: (JSON.parse(row.guardians) as Guardian[]).map(({ firstName, lastName }) => ({
          firstName,
          lastName,
        })),
        childrenCount: row.children_count,
        schoolYear: row.school_year,
        upToDate: row.up_to_date === 1,
        status: row.status,
        ...(row.category !== null && { category: row.category }),
        ...(row.tier !== null && { tier: row.tier }),
      })),
    };
  }
}

function validationOf(row: SchoolYearRow): ValidationView {
  const decidedBy = row.decided_by ?? '';
  const decidedAt = row.decided_at ?? '';
  switch (row.status) {
    case 'VALIDATED':
      return {
        status: 'VALIDATED',
        category: row.category as FamilyCategory,
        tier: row.tier as Tier,
        programIds: JSON.parse(row.program_ids ?? '[]') as string[],
        decidedBy,
        decidedAt,
      };
    case 'REJECTED':
      return { status: 'REJECTED', reason: row.reason ?? '', decidedBy, decidedAt };
    case 'NOT_VALIDATED':
      return { status: 'NOT_VALIDATED' };
  }
}
