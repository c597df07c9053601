import { createParamDecorator, ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { Principal, Role } from './principal';

export const PUBLIC_ROUTE = 'ateliers:public';
export const ROLES = 'ateliers:roles';

/** the route needs no token */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** the route is for these roles only */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** the verified caller */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new ForbiddenException('Sign in first.');
  return principal;
});

/** the calling parent's family id; refuses callers without one */
export function familyOf(principal: Principal): string {
  if (principal.role !== 'parent' || !principal.familyId) {
    throw new ForbiddenException('This is for parents signed in to their family account.');
  }
  return principal.familyId;
}
