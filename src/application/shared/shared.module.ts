import { Global, Module } from '@nestjs/common';
import { Tokens } from '../auth/tokens.service';
import { RequestContext } from './request-context';

/** Services every feature module uses. */
@Global()
@Module({ providers: [RequestContext, Tokens], exports: [RequestContext, Tokens] })
export class SharedModule {}
