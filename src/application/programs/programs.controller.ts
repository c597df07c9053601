import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { CreateProgramCommand } from './create-program.handler';
import { CreateProgramDto } from './program.dto';
import { ProgramQueries } from './program-queries';

@ApiTags('programs')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly queries: ProgramQueries,
  ) {}

  @Post()
  @Roles('staff')
  @ApiOperation({ summary: 'Create a program: one per cycle and school year (staff)' })
  @ApiCreatedResponse({ description: '{ programId }' })
  create(@Body() body: CreateProgramDto, @CurrentPrincipal() principal: Principal, @Req() request: Request) {
    return this.commandBus.execute(
      new CreateProgramCommand(body, principal.accountId, this.context.for(request, principal)),
    );
  }

  @Get()
  @ApiOperation({
    summary: 'The programs the caller may see, each with its open and next booking phase',
    description: "Staff see every program; a parent those its family's validated account names.",
  })
  @ApiOkResponse({ description: '{ programs: [...] }' })
  @ApiForbiddenResponse({ description: 'the family account is not validated yet' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.queries.list(principal);
  }

  @Get(':programId/planning')
  @ApiOperation({
    summary: 'The typical week of a program: its activities by weekday and slot, with demand and seats left',
    description: 'Withdrawn activities are shown to staff only. Phases carry their published seed commitment.',
  })
  @ApiForbiddenResponse({ description: 'the family account is not validated for the program’s school year' })
  @ApiNotFoundResponse({ description: 'no such program, or not one the family may see' })
  planning(@Param('programId') programId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.planning(principal, programId);
  }
}
