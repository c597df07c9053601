import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { CloseBookingPhaseDto, DefineBookingPhaseDto } from './booking-phase.dto';
import { CloseBookingPhaseCommand } from './close-booking-phase.handler';
import { DefineBookingPhaseCommand } from './define-booking-phase.handler';
import { ProgramQueries } from './program-queries';

@ApiTags('booking phases')
@ApiBearerAuth()
@Controller('programs/:programId/phases')
export class BookingPhasesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly queries: ProgramQueries,
  ) {}

  @Post()
  @Roles('staff')
  @ApiOperation({ summary: 'Define a booking phase of the program (staff); phases follow one another' })
  @ApiCreatedResponse({ description: '{ phaseId }' })
  define(
    @Param('programId') programId: string,
    @Body() body: DefineBookingPhaseDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.commandBus.execute(
      new DefineBookingPhaseCommand(programId, body, this.context.for(request, principal)),
    );
  }

  @Post(':phaseId/close')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Close a booking phase once its deadline has passed, committing the seed of its allocation (staff)',
    description:
      'The seed is drawn from a secure random source unless given, kept in the seed vault, and only its SHA-256 ' +
      'is recorded and shown to families; the allocation run reveals it. A retried close keeps the seed drawn first.',
  })
  @ApiOkResponse({ description: '{ phaseId, seedCommitment, closedAt }' })
  @ApiConflictResponse({ description: 'the phase is still open, already closed, or has another seed already' })
  close(
    @Param('programId') programId: string,
    @Param('phaseId') phaseId: string,
    @Body() body: CloseBookingPhaseDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.commandBus.execute(
      new CloseBookingPhaseCommand(programId, phaseId, body?.seed, this.context.for(request, principal)),
    );
  }

  @Get()
  @ApiOperation({ summary: "The program's booking phases, with their status now and their seed commitment" })
  phases(@Param('programId') programId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.phases(principal, programId);
  }
}
