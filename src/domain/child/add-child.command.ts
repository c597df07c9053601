import type { Message } from '../shared/decider';
import { Conflict } from '../shared/errors';
import type { ClassLevel } from '../shared/school';
import type { FamilyEvent } from '../family/family.events';
import { FamilyState, requireFamily } from '../family/family.state';
import { ChildDetails, cleanChildDetails, isSameChild } from './child';

/** On the family stream. `classLevel` is for the family's current school year. */
export type AddChild = Message<
  'AddChild',
  {
    childId: string;
    firstName: string;
    lastName: string;
    /** `YYYY-MM-DD` */
    birthDate: string;
    classLevel: ClassLevel;
    addedAt: string;
  }
>;

export function decideAddChild({ data }: AddChild, state: FamilyState): FamilyEvent[] {
  const family = requireFamily(state);
  if (family.children[data.childId] !== undefined) {
    throw new Conflict('This child was already added.', 'CHILD_ALREADY_EXISTS');
  }
  const { childId, addedAt } = data;
  const details = cleanChildDetails(data, addedAt.slice(0, 10)) as ChildDetails;
  const twin = Object.values(family.children).find((child) => isSameChild(child, details));
  if (twin !== undefined) {
    throw new Conflict(
      `${twin.firstName}, born on ${twin.birthDate}, is already one of your children.`,
      'CHILD_DUPLICATE',
    );
  }
  const { familyId, currentSchoolYear: schoolYear } = family;
  return [{ type: 'ChildAdded', data: { familyId, childId, ...details, schoolYear, addedAt } }];
}
