import { Injectable } from '@nestjs/common';
import { validationFor } from '../../domain/family/family.state';
import { NotFound } from '../../domain/shared/errors';
import type { Tier } from '../../domain/shared/school';
import {
  currentPhases,
  findProgram,
  listPrograms,
  PhaseView,
  Planning,
  phasesOf,
  planningOf,
  ProgramSummary,
} from '../../projections/planning/planning.query';
import { ReadDatabase } from '../../projections/read-database';
import { familyOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Clock } from '../shared/clock';
import { checkVisible, notValidated, ProgramFacts } from './program-facts';

export interface ProgramListItem extends ProgramSummary {
  /** the phase open now, whichever tiers it admits */
  openPhase: PhaseView | null;
  /** the next phase to open; for a parent, the next one that admits its family */
  nextPhase: PhaseView | null;
}

/**
 * What callers read of programs, from the planning read model. The only stream read is the
 * caller's family, to apply the rule of who sees what (ProgramFacts).
 */
@Injectable()
export class ProgramQueries {
  constructor(
    private readonly read: ReadDatabase,
    private readonly clock: Clock,
    private readonly facts: ProgramFacts,
  ) {}

  /** staff: every program; a parent: those its validated accounts name, for their school years */
  async list(principal: Principal): Promise<{ programs: ProgramListItem[] }> {
    const now = this.clock.now();
    if (principal.role === 'staff') {
      return { programs: listPrograms(this.read.db).map((program) => this.withPhases(program, now)) };
    }
    const family = await this.facts.family(familyOf(principal));
    if (family.status !== 'Registered') throw notValidated();
    const granted = Object.values(family.decisions).flatMap((d) => (d.status === 'VALIDATED' ? d.programIds : []));
    const programs = listPrograms(this.read.db, granted).flatMap((program) => {
      const validation = validationFor(family, program.schoolYear);
      return validation.status === 'VALIDATED' && validation.programIds.includes(program.programId)
        ? [this.withPhases(program, now, validation.tier)]
        : [];
    });
    const current = validationFor(family, family.currentSchoolYear);
    // the procedure's note: programs that do not show mean an account not validated (yet)
    if (programs.length === 0 && current.status !== 'VALIDATED') throw notValidated(family.currentSchoolYear, current);
    return { programs };
  }

  async planning(principal: Principal, programId: string): Promise<Planning> {
    await this.visible(principal, programId);
    const planning = planningOf(this.read.db, programId, this.clock.now(), {
      withWithdrawn: principal.role === 'staff',
    });
    if (planning === undefined) throw programNotFound();
    return planning;
  }

  async phases(principal: Principal, programId: string): Promise<{ programId: string; phases: PhaseView[] }> {
    await this.visible(principal, programId);
    return { programId, phases: phasesOf(this.read.db, programId, this.clock.now()) };
  }

  private async visible(principal: Principal, programId: string): Promise<ProgramSummary> {
    const program = findProgram(this.read.db, programId);
    if (program === undefined) throw programNotFound();
    if (principal.role === 'parent') checkVisible(program, await this.facts.family(familyOf(principal)));
    return program;
  }

  private withPhases(program: ProgramSummary, now: Date, tier?: Tier): ProgramListItem {
    return { ...program, ...currentPhases(phasesOf(this.read.db, program.programId, now), tier) };
  }
}

function programNotFound(): NotFound {
  return new NotFound('This program does not exist.', 'PROGRAM_NOT_FOUND');
}
