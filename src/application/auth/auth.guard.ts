import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuthenticatedRequest, PUBLIC_ROUTE, ROLES } from './auth.decorators';
import { Principal, Role } from './principal';

const ROLE_NAMES: Record<Role, string> = { parent: 'parents', staff: "the association's staff" };

/**
 * Every route needs a valid bearer token unless marked @Public(); @Roles() narrows it further.
 * Registered globally, so that a new route is closed until someone opens it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
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
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; role: Role; familyId?: string }>(match[1]);
      if (payload.role !== 'parent' && payload.role !== 'staff') throw new Error('unknown role');
      return { accountId: payload.sub, role: payload.role, familyId: payload.familyId };
    } catch {
      throw new UnauthorizedException('Your session has expired or is not valid: please sign in again.');
    }
  }
}
