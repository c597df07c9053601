import { Module } from '@nestjs/common';
import { SeedVault } from '../seeds/seed-vault';
import { ActivitiesController } from './activities.controller';
import { BookingPhasesController } from './booking-phases.controller';
import { ChangeActivityHandler } from './change-activity.handler';
import { CloseBookingPhaseHandler } from './close-booking-phase.handler';
import { CreateProgramHandler } from './create-program.handler';
import { DefineBookingPhaseHandler } from './define-booking-phase.handler';
import { ProgramFacts } from './program-facts';
import { ProgramQueries } from './program-queries';
import { ProgramsController } from './programs.controller';
import { ScheduleActivityHandler } from './schedule-activity.handler';
import { WithdrawActivityHandler } from './withdraw-activity.handler';

/**
 * Programs, their activities and booking phases, and the planning families read. Exports the
 * facts other streams' handlers need (`ProgramFacts`) and the seeds of the allocation (`SeedVault`).
 */
@Module({
  controllers: [ProgramsController, ActivitiesController, BookingPhasesController],
  providers: [
    ProgramFacts,
    SeedVault,
    ProgramQueries,
    CreateProgramHandler,
    ScheduleActivityHandler,
    ChangeActivityHandler,
    WithdrawActivityHandler,
    DefineBookingPhaseHandler,
    CloseBookingPhaseHandler,
  ],
  exports: [ProgramFacts, SeedVault],
})
export class ProgramsModule {}
