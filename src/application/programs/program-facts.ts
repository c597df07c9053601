import { Injectable } from '@nestjs/common';
import type { AccountDecision, AccountValidation, FamilyState } from '../../domain/family/family.state';
import { validationFor } from '../../domain/family/family.state';
import { familyDecider, familyStream } from '../../domain/family/family.decider';
import { programDecider, programStream } from '../../domain/program/program.decider';
import { CreatedProgram, requireProgram } from '../../domain/program/program.state';
import { NotAllowed, NotFound } from '../../domain/shared/errors';
import type { SchoolYear } from '../../domain/shared/school';
import { EventStore } from '../../event-store/event-store.port';
import { familyOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { FoldedStreams } from '../shared/folded-streams';

export type ValidatedAccount = Extract<AccountDecision, { status: 'VALIDATED' }>;

/** What a caller may see of a program: staff see every program, a parent through its validated account. */
export type ProgramAccess = { program: CreatedProgram; validation: ValidatedAccount | null };

/**
 * Facts about programs for the handlers of other streams (baskets, orders, allocation), and the
 * rule of who sees a program. Program and family streams are read on every call, from the last
 * revision already folded (`FoldedStreams`): never stale, and a read of the new events only.
 */
@Injectable()
export class ProgramFacts {
  private readonly streams: FoldedStreams;

  /** outside Nest (a script, a bench) `streams` may be left out: the facts then keep their own */
  constructor(store: EventStore, streams?: FoldedStreams) {
    this.streams = streams ?? new FoldedStreams(store);
  }

  /** the program as its stream stands now; NotFound when there is no such program */
  async load(programId: string): Promise<CreatedProgram> {
    const { state } = await this.streams.load(programStream(programId), programDecider);
    return requireProgram(state);
  }

  /**
   * The program if the caller may see it (PRODUCT.md, ValidateAccount: "which programs it may
   * see"): staff always; a parent when its family's account is validated for the program's school
   * year and the program is among those the validation names. Not validated: NotAllowed, with the
   * procedure's advice. Validated for other programs: NotFound, as if the program did not exist.
   */
  async visibleTo(principal: Principal, programId: string): Promise<ProgramAccess> {
    const program = await this.load(programId);
    if (principal.role === 'staff') return { program, validation: null };
    const family = await this.family(familyOf(principal));
    return { program, validation: checkVisible(program, family) };
  }

  /** the family as its stream stands now */
  async family(familyId: string): Promise<FamilyState> {
    return (await this.streams.load(familyStream(familyId), familyDecider)).state;
  }
}

/** The rule of `visibleTo` for a program known by its id, name and school year. */
export function checkVisible(
  program: { programId: string; schoolYear: SchoolYear },
  family: FamilyState,
): ValidatedAccount {
  const validation = validationFor(family, program.schoolYear);
  if (validation.status !== 'VALIDATED') throw notValidated(program.schoolYear, validation);
  if (!validation.programIds.includes(program.programId)) {
    throw new NotFound('This program does not exist.', 'PROGRAM_NOT_FOUND');
  }
  return validation;
}

/** The procedure's note on programs that do not show: « seuls les comptes validés peuvent procéder aux réservations ». */
export function notValidated(schoolYear?: SchoolYear, validation?: AccountValidation): NotAllowed {
  const year = schoolYear === undefined ? '' : ` for ${schoolYear}`;
  const state =
    validation?.status === 'REJECTED'
      ? `was not validated${year} (${validation.reason})`
      : `is not validated${year} yet`;
  return new NotAllowed(
    `Your account ${state}: update your account and contact the team; only validated accounts can book.`,
    'ACCOUNT_NOT_VALIDATED',
  );
}
