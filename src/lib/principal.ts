import { Forbidden, MfaRequired, Unauthorized } from './errors.js';

/**
 * Who is calling, and the request facts every audit event carries. Services receive a
 * CallContext on every call and check authorization themselves (DESIGN §6); route-level
 * declarations are a first line, not the only one.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ['ingest', 'read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A session is fully signed in only once `verified`; `pending` awaits a TOTP code and
 * `enrol` must set up MFA first because the deployment requires it. */
export type MfaState = 'verified' | 'pending' | 'enrol';

export type Principal =
  | { kind: 'user'; userId: string; email: string; role: Role; sessionId: string; mfa: MfaState }
  | {
      kind: 'token';
      tokenId: string;
      userId: string;
      email: string;
      role: Role;
      scopes: TokenScope[];
    }
  | { kind: 'system'; name: string };

export interface CallContext {
  principal: Principal | null;
  requestId: string | null;
  ip: string | null;
}

export function systemContext(name: string): CallContext {
  return { principal: { kind: 'system', name }, requestId: null, ip: null };
}

const roleRank: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank[role] >= roleRank[minimum];
}

/** The scopes a token may hold is bounded by its owner's role at the time of each use. */
export function scopesAllowedForRole(role: Role): TokenScope[] {
  if (role === 'admin') return ['ingest', 'read', 'write', 'admin'];
  if (role === 'analyst') return ['ingest', 'read', 'write'];
  return ['read'];
}

/** What a route or service call needs: a minimum user role, and the scope a token must hold. */
export interface Requirement {
  role: Role;
  scope: TokenScope;
}

/** Throws Unauthorized for anonymous callers and Forbidden when rights are missing. */
export function authorize(ctx: CallContext, requirement: Requirement): Principal {
  const principal = ctx.principal;
  if (!principal) throw new Unauthorized();
  if (principal.kind === 'system') return principal;
  if (principal.kind === 'user' && principal.mfa !== 'verified') throw new MfaRequired();
  if (!roleAtLeast(principal.role, requirement.role)) throw new Forbidden();
  if (principal.kind === 'token' && !principal.scopes.includes(requirement.scope)) {
    throw new Forbidden(`This API token lacks the '${requirement.scope}' scope`);
  }
  return principal;
}

export function principalUserId(principal: Principal | null): string | null {
  return principal && principal.kind !== 'system' ? principal.userId : null;
}
