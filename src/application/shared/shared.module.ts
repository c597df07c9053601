import { Global, Module } from '@nestjs/common';
import { Tokens } from '../auth/tokens.service';
import { FoldedStreams } from './folded-streams';
import { RequestContext } from './request-context';

/** Services every feature module uses; one `FoldedStreams` for `Commands` and the facts handlers read. */
@Global()
@Module({
  providers: [RequestContext, Tokens, FoldedStreams],
  exports: [RequestContext, Tokens, FoldedStreams],
})
export class SharedModule {}
