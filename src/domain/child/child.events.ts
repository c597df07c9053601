import type { Message } from '../shared/decider';
import type { ClassLevel, SchoolYear } from '../shared/school';
import type { ChildDetails } from './child';

/** On the family stream. `schoolYear`: the family's current school year, the one `classLevel` is for. */
export type ChildAdded = Message<
  'ChildAdded',
  {
    familyId: string;
    childId: string;
    firstName: string;
    lastName: string;
    birthDate: string;
    classLevel: ClassLevel;
    schoolYear: SchoolYear;
    addedAt: string;
  }
>;

/** Only the fields that changed; a `classLevel` change is for `schoolYear`. */
export type ChildUpdated = Message<
  'ChildUpdated',
  {
    familyId: string;
    childId: string;
    changes: Partial<ChildDetails>;
    schoolYear: SchoolYear;
    updatedAt: string;
  }
>;

export type ChildEvent = ChildAdded | ChildUpdated;
