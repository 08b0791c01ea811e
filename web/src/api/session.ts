import type { z } from 'zod';
import type {
  invitationInfo,
  loginRequest,
  SessionInfo,
  setupRequest,
  setupStatus,
  UserDto,
} from '@contracts/identity.js';
import { api, isApiError, setCsrfToken } from './client.js';

export type { SessionInfo };

function remember(session: SessionInfo): SessionInfo {
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return remember(await api.get<SessionInfo>('/api/v1/auth/session'));
  } catch (error) {
    if (isApiError(error, 'UNAUTHORIZED')) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(input: z.input<typeof loginRequest>): Promise<SessionInfo> {
  return remember(await api.post<SessionInfo>('/api/v1/auth/login', input));
}

export async function verifyMfa(
  input: { code: string } | { recoveryCode: string },
): Promise<SessionInfo> {
  return remember(await api.post<SessionInfo>('/api/v1/auth/mfa/verify', input));
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export function fetchSetupStatus(): Promise<z.infer<typeof setupStatus>> {
  return api.get('/api/v1/setup/status');
}

export function completeSetup(input: z.input<typeof setupRequest>): Promise<UserDto> {
  return api.post('/api/v1/setup', input);
}

export function inspectInvitation(token: string): Promise<z.infer<typeof invitationInfo>> {
  return api.post('/api/v1/invitations/inspect', { token });
}

export function acceptInvitation(input: { token: string; password: string }): Promise<UserDto> {
  return api.post('/api/v1/invitations/accept', input);
}
