export type Role = 'parent' | 'staff';

/** Who is calling, from a verified token. A parent acts on its own family only. */
export interface Principal {
  accountId: string;
  role: Role;
  /** set for parents */
  familyId?: string;
}

export function actorOf(principal: Principal | undefined): string {
  return principal ? `${principal.role}:${principal.accountId}` : 'anonymous';
}
