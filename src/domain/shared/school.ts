/** Class levels for the coming school year (PRODUCT.md glossary). */
export const MATERNELLE_LEVELS = ['PS', 'MS', 'GS'] as const;
export const PRIMAIRE_LEVELS = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;
export const CLASS_LEVELS = [...MATERNELLE_LEVELS, ...PRIMAIRE_LEVELS] as const;
export type ClassLevel = (typeof CLASS_LEVELS)[number];

export const CYCLES = ['MATERNELLE', 'PRIMAIRE'] as const;
export type Cycle = (typeof CYCLES)[number];

/** A school year written `2024-2025`. */
export type SchoolYear = string;
export const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;
export function isSchoolYear(value: string): boolean {
  const m = SCHOOL_YEAR_PATTERN.exec(value);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

/**
 * Priority categories set by staff when they validate an account (PRODUCT.md, ValidateAccount).
 * Tier 1: returning members and new PS families; tier 2: new families.
 */
export const FAMILY_CATEGORIES = ['RETURNING_MEMBER', 'NEW_PS_FAMILY', 'NEW_FAMILY'] as const;
export type FamilyCategory = (typeof FAMILY_CATEGORIES)[number];
export type Tier = 1 | 2;
export function tierOf(category: FamilyCategory): Tier {
  return category === 'NEW_FAMILY' ? 2 : 1;
}
