import { Body, Controller, Delete, Get, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { BasketQuery, type BasketView } from '../../projections/basket/basket.query';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { AddActivityCommand } from './add-activity.handler';
import { AddActivityDto, BasketLineParams, ChildParams } from './basket.dto';
import { FamilyChildren } from './family-children';
import { RemoveActivityCommand } from './remove-activity.handler';
import { WithoutReadModels } from '../shared/read-your-writes.guard';

const BASKET =
  '{ childId, programId, lines: [{ activityId, name, slot, priceCents, price, modules }], moduleCount, modules: "2m", totalCents, total: "225,00 €" }';

@ApiTags('baskets')
@ApiBearerAuth()
@Roles('parent')
@Controller('me/children/:childId/basket')
export class BasketsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly children: FamilyChildren,
    private readonly baskets: BasketQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: "One child's basket: its lines, « 1m » each, the module count and the total" })
  @ApiOkResponse({ description: BASKET })
  @ApiNotFoundResponse({ description: 'no such child in your family' })
  async basket(@Param() { childId }: ChildParams, @CurrentPrincipal() principal: Principal): Promise<BasketView> {
    await this.children.of(principal, childId);
    return this.baskets.basketOf(childId);
  }

  @WithoutReadModels()
  @Post('lines')
  @ApiOperation({
    summary: "Add an activity to one child's basket",
    description:
      'The program must be visible to your family and open for booking to it; the child’s class must be accepted; ' +
      'no activity twice (in the basket or pending/reserved), no two activities in clashing slots.',
  })
  @ApiCreatedResponse({ description: `the basket: ${BASKET}` })
  @ApiNotFoundResponse({ description: 'no such child in your family, or no such program or activity' })
  @ApiConflictResponse({ description: 'already in the basket, already booked, or a clash with another slot' })
  add(
    @Param() { childId }: ChildParams,
    @Body() body: AddActivityDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<BasketView> {
    return this.commandBus.execute(
      new AddActivityCommand(principal, childId, body.programId, body.activityId, this.context.for(request, principal)),
    );
  }

  @WithoutReadModels()
  @Delete('lines/:activityId')
  @ApiOperation({ summary: "Take an activity out of one child's basket" })
  @ApiOkResponse({ description: `the basket: ${BASKET}` })
  @ApiNotFoundResponse({ description: 'no such child in your family, or the activity is not in the basket' })
  remove(
    @Param() { childId, activityId }: BasketLineParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<BasketView> {
    return this.commandBus.execute(
      new RemoveActivityCommand(principal, childId, activityId, this.context.for(request, principal)),
    );
  }
}
