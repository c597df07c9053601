import { Body, Controller, Param, Patch, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { ChangeActivityDto, ScheduleActivityDto, WithdrawActivityDto } from './activity.dto';
import { ChangeActivityCommand } from './change-activity.handler';
import { ScheduleActivityCommand } from './schedule-activity.handler';
import { WithdrawActivityCommand } from './withdraw-activity.handler';

@ApiTags('programs')
@ApiBearerAuth()
@Roles('staff')
@Controller('programs/:programId/activities')
export class ActivitiesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Schedule an activity in the typical week (staff); allowed even once booking opened' })
  @ApiCreatedResponse({ description: '{ activityId }' })
  schedule(
    @Param('programId') programId: string,
    @Body() body: ScheduleActivityDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.commandBus.execute(new ScheduleActivityCommand(programId, body, this.context.for(request, principal)));
  }

  @Patch(':activityId')
  @ApiOperation({
    summary: 'Change an activity (staff)',
    description:
      'Anything before the first booking phase opens; after, only the name, a higher capacity or more accepted levels.',
  })
  @ApiConflictResponse({ description: 'the change would invalidate reservations already made' })
  change(
    @Param('programId') programId: string,
    @Param('activityId') activityId: string,
    @Body() body: ChangeActivityDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.commandBus.execute(
      new ChangeActivityCommand(programId, activityId, body, this.context.for(request, principal)),
    );
  }

  @Post(':activityId/withdrawal')
  @ApiOperation({ summary: 'Withdraw an activity before booking opens (staff)' })
  @ApiCreatedResponse({ description: '{ activityId, withdrawnAt }' })
  @ApiConflictResponse({ description: 'booking has opened already' })
  withdraw(
    @Param('programId') programId: string,
    @Param('activityId') activityId: string,
    @Body() body: WithdrawActivityDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.commandBus.execute(
      new WithdrawActivityCommand(programId, activityId, body.reason, this.context.for(request, principal)),
    );
  }
}
