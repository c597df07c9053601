import type { Message } from '../shared/decider';
import { Conflict, NotFound } from '../shared/errors';
import type { ClassLevel } from '../shared/school';
import type { FamilyEvent } from '../family/family.events';
import { FamilyState, requireFamily } from '../family/family.state';
import { ChildDetails, cleanChildDetails, isSameChild } from './child';

/** On the family stream. A `classLevel` given here is for the family's current school year. */
export type UpdateChild = Message<
  'UpdateChild',
  {
    childId: string;
    firstName?: string;
    lastName?: string;
    birthDate?: string;
    classLevel?: ClassLevel;
    updatedAt: string;
  }
>;

/** Records only what changes; nothing changes, nothing is recorded. */
export function decideUpdateChild({ data }: UpdateChild, state: FamilyState): FamilyEvent[] {
  const family = requireFamily(state);
  const child = family.children[data.childId];
  if (child === undefined) throw new NotFound("This child is not one of the family's children.", 'CHILD_NOT_FOUND');
  const { childId, updatedAt, ...given } = data;
  const cleaned = cleanChildDetails(given, updatedAt.slice(0, 10));
  const changes: Partial<ChildDetails> = Object.fromEntries(
    Object.entries(cleaned).filter(([key, value]) => child[key as keyof ChildDetails] !== value),
  );
  if (Object.keys(changes).length === 0) return [];
  const after = { ...child, ...changes };
  const twin = Object.values(family.children).find((other) => other.childId !== childId && isSameChild(other, after));
  if (twin !== undefined) {
    throw new Conflict(
      `${twin.firstName}, born on ${twin.birthDate}, is already one of your children.`,
      'CHILD_DUPLICATE',
    );
  }
  const { familyId, currentSchoolYear: schoolYear } = family;
  return [{ type: 'ChildUpdated', data: { familyId, childId, changes, schoolYear, updatedAt } }];
}
