import { z } from 'zod';
import { email, isoInstant, password, text } from './common.js';

export const role = z.enum(['viewer', 'analyst', 'admin']);
export const tokenScope = z.enum(['ingest', 'read', 'write', 'admin']);
export const mfaState = z.enum(['verified', 'pending', 'enrol']);

export const user = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role,
  status: z.enum(['invited', 'active', 'disabled']),
  mfaEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  passwordChangedAt: z.string().nullable(),
});
export type UserDto = z.infer<typeof user>;

export const sessionInfo = z.object({
  user,
  mfa: mfaState,
  mfaRequired: z.boolean(),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const setupStatus = z.object({ needsSetup: z.boolean() });

export const setupRequest = z.strictObject({
  token: z.string().min(1).max(200),
  email,
  displayName: text(100),
  password,
});

export const loginRequest = z.strictObject({
  email,
  // Sign-in accepts any stored password, so only the outer bounds are checked here.
  password: z.string().min(1).max(256),
});

export const mfaVerifyRequest = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/, 'must be 6 digits')
      .optional(),
    recoveryCode: z.string().min(8).max(40).optional(),
  })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: 'send exactly one of code or recoveryCode',
    path: ['code'],
  });

export const mfaEnrolment = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string(),
});
export const mfaConfirmRequest = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
});
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const mfaDisableRequest = z.strictObject({ password: z.string().min(1).max(256) });

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});

export const ownSession = z.object({
  id: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export const sessionRefParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/, 'must be a session reference'),
});

export const inviteRequest = z.strictObject({ email, displayName: text(100), role });
export const inviteResponse = z.object({ user, inviteUrl: z.string() });
export const invitationTokenRequest = z.strictObject({ token: z.string().min(20).max(100) });
export const invitationInfo = z.object({
  email: z.string(),
  displayName: z.string(),
  purpose: z.enum(['invite', 'password-reset']),
});
export const acceptInvitationRequest = z.strictObject({
  token: z.string().min(20).max(100),
  password,
});
export const changeRoleRequest = z.strictObject({ role });

export const securitySettings = z.strictObject({ mfaRequired: z.boolean() });

export const apiToken = z.object({
  id: z.string(),
  userId: z.string(),
  ownerEmail: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  scopes: z.array(tokenScope),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const createTokenRequest = z.strictObject({
  name: text(100),
  scopes: z.array(tokenScope).min(1, 'choose at least one scope').max(4),
  expiresInDays: z.number().int().min(1).max(730).nullable(),
});
export const createdToken = z.object({ token: apiToken, secret: z.string() });
export const listTokensQuery = z.strictObject({ all: z.enum(['true', 'false']).optional() });

export { isoInstant };
