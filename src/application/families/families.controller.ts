import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
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
import type { AccountValidation } from '../../domain/family/family.state';
import { NotFound } from '../../domain/shared/errors';
import { FamiliesQuery, FamilySummary, FamilyView } from '../../projections/families/families.query';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { FamilyFilterDto, RejectAccountDto, ValidateAccountDto } from './account-decision.dto';
import { RejectAccount } from './reject-account.handler';
import { ValidateAccount } from './validate-account.handler';

type Decision = { familyId: string; schoolYear: string } & AccountValidation;

/** Staff review families and decide on their accounts, school year by school year. */
@ApiTags('families (staff)')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: "for the association's staff only" })
@Roles('staff')
@Controller('families')
export class FamiliesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly families: FamiliesQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Families to review: up to date for the school year? validated?' })
  @ApiOkResponse({ description: '{ total, families: [...] }, oldest registrations first' })
  list(@Query() filter: FamilyFilterDto): { total: number; families: FamilySummary[] } {
    const { schoolYear, status, upToDate, limit = 100, offset = 0 } = filter;
    return this.families.list({ schoolYear, status, upToDate, limit, offset });
  }

  @Get(':familyId')
  @ApiOperation({ summary: 'One family, with who decided on its account' })
  @ApiOkResponse({ description: 'the family' })
  @ApiNotFoundResponse({ description: 'no such family' })
  family(@Param('familyId') familyId: string): FamilyView {
    const family = this.families.family(familyId);
    if (family === undefined) throw new NotFound('There is no family with this id.', 'FAMILY_NOT_FOUND');
    return family;
  }

  @Post(':familyId/validations')
  @ApiOperation({ summary: 'Validate the account for a school year: category (tier) and programs it may see' })
  @ApiCreatedResponse({ description: 'the decision' })
  async validate(
    @Param('familyId') familyId: string,
    @Body() body: ValidateAccountDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<Decision> {
    const { schoolYear, category, programIds } = body;
    const validation = await this.commandBus.execute(
      new ValidateAccount(
        familyId,
        { schoolYear, category, programIds },
        principal.accountId,
        this.context.for(request, principal),
      ),
    );
    return { familyId, schoolYear, ...validation };
  }

  @Post(':familyId/rejections')
  @ApiOperation({ summary: 'Reject the account for a school year, with the reason the family will read' })
  @ApiCreatedResponse({ description: 'the decision' })
  async reject(
    @Param('familyId') familyId: string,
    @Body() body: RejectAccountDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<Decision> {
    const { schoolYear, reason } = body;
    const rejection = await this.commandBus.execute(
      new RejectAccount(familyId, { schoolYear, reason }, principal.accountId, this.context.for(request, principal)),
    );
    return { familyId, schoolYear, ...rejection };
  }
}
