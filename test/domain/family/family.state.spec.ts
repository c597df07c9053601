import { familyDecider } from '../../../src/domain/family/family.decider';
import { childOf, childrenOf, validationFor } from '../../../src/domain/family/family.state';
import { fold } from '../../../src/domain/shared/decider';
import {
  accountRejected,
  accountUpdated,
  accountValidated,
  childAdded,
  familyRegistered,
  newId,
} from '../../support/family.builders';

describe('validationFor', () => {
  it('says NOT_VALIDATED for a family not registered', () => {
    expect(validationFor(fold(familyDecider, []), '2024-2025')).toEqual({ status: 'NOT_VALIDATED' });
  });

  it('says NOT_VALIDATED for a year staff have not decided', () => {
    const familyId = newId('family');
    const state = fold(familyDecider, [familyRegistered(familyId), accountValidated(familyId)]);
    expect(validationFor(state, '2025-2026')).toEqual({ status: 'NOT_VALIDATED' });
  });

  it('gives the category, tier and programs of the latest validation', () => {
    const familyId = newId('family');
    const state = fold(familyDecider, [
      familyRegistered(familyId),
      accountValidated(familyId),
      accountValidated(familyId, { category: 'NEW_FAMILY', tier: 2, programIds: ['p-2'], validatedBy: 'staff-paul' }),
    ]);
    expect(validationFor(state, '2024-2025')).toEqual({
      status: 'VALIDATED',
      category: 'NEW_FAMILY',
      tier: 2,
      programIds: ['p-2'],
      validatedBy: 'staff-paul',
      validatedAt: '2024-03-05T09:00:00+01:00',
    });
  });

  it('gives the reason of a rejection that followed a validation', () => {
    const familyId = newId('family');
    const state = fold(familyDecider, [
      familyRegistered(familyId),
      accountValidated(familyId),
      accountRejected(familyId),
    ]);
    expect(validationFor(state, '2024-2025')).toMatchObject({
      status: 'REJECTED',
      reason: 'Pas de justificatif de domicile',
    });
  });
});

describe('childOf', () => {
  it('gives the child with its class level for each school year', () => {
    const familyId = newId('family');
    const lea = childAdded(familyId, { classLevel: 'PS' });
    const state = fold(familyDecider, [
      familyRegistered(familyId),
      lea,
      accountUpdated(familyId, {
        schoolYear: '2025-2026',
        children: [{ childId: lea.data.childId, classLevel: 'MS' }],
      }),
      {
        type: 'ChildUpdated',
        data: {
          familyId,
          childId: lea.data.childId,
          changes: { lastName: 'Martin-Durand' },
          schoolYear: '2025-2026',
          updatedAt: '2025-04-01T10:00:00+02:00',
        },
      },
    ]);
    expect(childOf(state, lea.data.childId)).toEqual({
      childId: lea.data.childId,
      firstName: 'Léa',
      lastName: 'Martin-Durand',
      birthDate: '2021-04-17',
      classLevel: 'MS',
      classLevels: { '2024-2025': 'PS', '2025-2026': 'MS' },
    });
    expect(childrenOf(state)).toHaveLength(1);
  });

  it('gives nothing for a child of another family', () => {
    const familyId = newId('family');
    const state = fold(familyDecider, [familyRegistered(familyId)]);
    expect(childOf(state, newId('child'))).toBeUndefined();
    expect(childOf(fold(familyDecider, []), newId('child'))).toBeUndefined();
  });
});
