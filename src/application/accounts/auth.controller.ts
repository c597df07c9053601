import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { Tokens } from '../auth/tokens.service';
import { RequestContext } from '../shared/request-context';
import { RegisterDto, RegisteredDto, SignInDto, TokenDto } from './auth.dto';
import { RegisterFamily, Registered } from './register-family.handler';
import { SignIn } from './sign-in.service';
import { SignInThrottlerGuard } from './sign-in.throttler';

@ApiTags('accounts')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly context: RequestContext,
    private readonly signIn: SignIn,
    private readonly tokens: Tokens,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Register a family and its account; the parent is signed in' })
  @ApiCreatedResponse({ type: RegisteredDto })
  @ApiBadRequestResponse({ description: 'a field is missing or breaks a rule; the message names it' })
  @ApiConflictResponse({ description: 'EMAIL_ALREADY_REGISTERED' })
  register(@Body() body: RegisterDto, @Req() request: Request): Promise<Registered> {
    const { email, password, guardians, address, schoolYear } = body;
    return this.commandBus.execute(
      new RegisterFamily({ email, password, guardians, address, schoolYear }, this.context.for(request)),
    );
  }

  @Public()
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SignInThrottlerGuard)
  @ApiOperation({ summary: 'Sign in with an e-mail and a password' })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'E-mail or password is incorrect' })
  @ApiTooManyRequestsResponse({ description: 'SIGN_IN_LIMIT_PER_MINUTE attempts per account and per address' })
  async signInWith(@Body() { email, password }: SignInDto): Promise<TokenDto> {
    const principal = await this.signIn.verify(email, password);
    return { ...(await this.tokens.issue(principal)), ...(principal.familyId && { familyId: principal.familyId }) };
  }
}
