import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { actorOf, Principal } from '../auth/principal';
import { Clock } from './clock';
import { CommandContext } from './command-context';

/** Builds a command's context from the HTTP request: correlation id, actor, the clock's now. */
@Injectable()
export class RequestContext {
  constructor(private readonly clock: Clock) {}

  for(request: Request, principal?: Principal, commandId?: string): CommandContext {
    const requestId = String((request as Request & { id?: unknown }).id ?? randomUUID());
    return {
      commandId: commandId ?? randomUUID(),
      correlationId: requestId,
      causationId: requestId,
      actor: actorOf(principal),
      now: this.clock.now(),
    };
  }
}
