import { Injectable } from '@nestjs/common';
import type { Child } from '../../domain/child/child';
import { childOf, type FamilyState } from '../../domain/family/family.state';
import { NotFound } from '../../domain/shared/errors';
import { familyOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ProgramFacts } from '../programs/program-facts';

export interface CallersChild {
  familyId: string;
  /** the caller's family, folded from its stream */
  family: FamilyState;
  child: Child;
}

/**
 * A parent acts on the children of its own family only. The family comes from the token, the
 * child from the route: another family's child is answered as an unknown one (404), so that its
 * existence is never revealed.
 */
@Injectable()
export class FamilyChildren {
  constructor(private readonly facts: ProgramFacts) {}

  async of(principal: Principal, childId: string): Promise<CallersChild> {
    const familyId = familyOf(principal);
    const family = await this.facts.family(familyId);
    const child = childOf(family, childId);
    if (child === undefined) {
      throw new NotFound('Your family has no child by this id.', 'CHILD_NOT_FOUND');
    }
    return { familyId, family, child };
  }
}
