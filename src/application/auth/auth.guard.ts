import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { AuthenticatedRequest, PUBLIC_ROUTE, ROLES } from './auth.decorators';
import { Principal, Role } from './principal';

const ROLE_NAMES: Record<Role, string> = { parent: 'parents', staff: "the association's staff" };

/** how many verified tokens are kept: about one per family signed in during the rush */
const VERIFIED_TOKENS = 10_000;

interface Verified {
  principal: Principal;
  /** seconds since the epoch, from the token's `exp` */
  expiresAt: number;
}

/**
 * Every route needs a valid bearer token unless marked @Public(); @Roles() narrows it further.
 * Registered globally, so that a new route is closed until someone opens it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens already verified, by their exact text: a parent's requests during the rush check the
   * signature once, not on every call. The expiry is checked on every use; the least recently
   * used token goes first.
   */
  private readonly verified = new LRUCache<string, Verified>({ max: VERIFIED_TOKENS });

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.verify(request.headers.authorization);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException(`This is for ${roles.map((r) => ROLE_NAMES[r]).join(' or ')} only.`);
    }
    return true;
  }

  private async verify(header: string | undefined): Promise<Principal> {
    const match = /^Bearer ([A-Za-z0-9_\-.]{10,4096})$/.exec(header ?? '');
    if (!match) throw new UnauthorizedException('Sign in first: this needs an "Authorization: Bearer <token>" header.');
    const token = match[1];
    const kept = this.verified.get(token);
    if (kept !== undefined && kept.expiresAt * 1000 > Date.now()) return kept.principal;
    this.verified.delete(token);
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; role: Role; familyId?: string; exp: number }>(token);
      if (payload.role !== 'parent' && payload.role !== 'staff') throw new Error('unknown role');
      const principal: Principal = { accountId: payload.sub, role: payload.role, familyId: payload.familyId };
      this.verified.set(token, { principal, expiresAt: payload.exp });
      return principal;
    } catch {
      throw new UnauthorizedException('Your session has expired or is not valid: please sign in again.');
    }
  }
}
