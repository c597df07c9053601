import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Req } from '@nestjs/common';
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
import type { Child } from '../../domain/child/child';
import { NotFound } from '../../domain/shared/errors';
import { FamiliesQuery, FamilyView, ValidationView } from '../../projections/families/families.query';
import { CurrentPrincipal, familyOf, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../shared/request-context';
import { AddChild } from './add-child.handler';
import { AddChildDto, ChildCreatedDto, UpdateChildDto } from './child.dto';
import { SchoolYearParams, UpdateAccountDto } from './family.dto';
import { UpdateAccount } from './update-account.handler';
import { UpdateChild } from './update-child.handler';

/** What a parent sees of the family: everything but staff's internal ids. */
export type ParentFamilyView = Omit<FamilyView, 'accountId' | 'schoolYears'> & {
  schoolYears: { schoolYear: string; upToDate: boolean; validation: ParentValidationView }[];
};
type ParentValidationView = WithoutDecidedBy<ValidationView>;
type WithoutDecidedBy<V> = V extends unknown ? Omit<V, 'decidedBy'> : never;

/** The signed-in parent's own family: the family is always the caller's, never one named in the request. */
@ApiTags('my family')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'for parents only' })
@Roles('parent')
@Controller('me')
export class MyFamilyController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly families: FamiliesQuery,
  ) {}

  @Get('family')
  @ApiOperation({ summary: 'The family: guardians, address, children, and the account’s status per school year' })
  @ApiOkResponse({ description: 'the family' })
  family(@CurrentPrincipal() principal: Principal): ParentFamilyView {
    return this.view(familyOf(principal));
  }

  @Post('children')
  @ApiOperation({ summary: 'Add a child, with its class in the current school year' })
  @ApiCreatedResponse({ type: ChildCreatedDto })
  addChild(
    @Body() body: AddChildDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<{ childId: string }> {
    const { firstName, lastName, birthDate, classLevel } = body;
    return this.commandBus.execute(
      new AddChild(
        familyOf(principal),
        { firstName, lastName, birthDate, classLevel },
        this.context.for(request, principal),
      ),
    );
  }

  @Patch('children/:childId')
  @ApiOperation({ summary: "Correct a child's details; only the fields given change" })
  @ApiOkResponse({ description: 'the child' })
  @ApiNotFoundResponse({ description: 'not a child of this family' })
  updateChild(
    @Param('childId') childId: string,
    @Body() body: UpdateChildDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<Child> {
    const { firstName, lastName, birthDate, classLevel } = body;
    return this.commandBus.execute(
      new UpdateChild(
        familyOf(principal),
        childId,
        { firstName, lastName, birthDate, classLevel },
        this.context.for(request, principal),
      ),
    );
  }

  @Put('account/:schoolYear')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Update the account for a school year: confirm guardians, address and every child’s class',
  })
  @ApiOkResponse({ description: 'the family, up to date for the school year' })
  async updateAccount(
    @Param() { schoolYear }: SchoolYearParams,
    @Body() body: UpdateAccountDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<ParentFamilyView> {
    const familyId = familyOf(principal);
    const { guardians, address, children } = body;
    await this.commandBus.execute(
      new UpdateAccount(familyId, schoolYear, { guardians, address, children }, this.context.for(request, principal)),
    );
    return this.view(familyId);
  }

  private view(familyId: string): ParentFamilyView {
    const family = this.families.family(familyId);
    if (family === undefined) {
      // an account whose registration stopped before the family was written
      throw new NotFound(
        'Your family is not registered yet: register again with the same e-mail and password to finish.',
        'FAMILY_NOT_FOUND',
      );
    }
    return forParent(family);
  }
}

export function forParent({ accountId: _accountId, schoolYears, ...family }: FamilyView): ParentFamilyView {
  return {
    ...family,
    schoolYears: schoolYears.map(({ validation, ...year }) => {
      if (validation.status === 'NOT_VALIDATED') return { ...year, validation };
      const { decidedBy: _decidedBy, ...decision } = validation;
      return { ...year, validation: decision };
    }),
  };
}
