import type { MfaState, Role, TokenScope } from '../../lib/principal.js';

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  mfaEnabled: boolean;
  createdAt: string;
  updatedAt: string;
  passwordChangedAt: string | null;
}

/** The stored user, secrets included; never leaves the identity module. */
export interface UserRecord extends User {
  passwordHash: string | null;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaLastStep: number | null;
}

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  mfaState: MfaState;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  userId: string;
  ownerEmail: string;
  name: string;
  tokenPrefix: string;
  scopes: TokenScope[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export type InvitationPurpose = 'invite' | 'password-reset';

/** Settings an admin can change at run time; stored in the settings table. */
export interface SecuritySettings {
  mfaRequired: boolean;
}
