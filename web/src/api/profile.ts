import type { z } from 'zod';
import type { mfaEnrolment, ownSession } from '@contracts/identity.js';
import { api } from './client.js';

export type MfaEnrolment = z.infer<typeof mfaEnrolment>;
export type OwnSession = z.infer<typeof ownSession>;

export function changePassword(input: { currentPassword: string; newPassword: string }) {
  return api.post<{ ok: true }>('/api/v1/me/password', input);
}

export function beginMfaEnrolment(): Promise<MfaEnrolment> {
  return api.post('/api/v1/me/mfa/enrol');
}

export function confirmMfaEnrolment(code: string): Promise<{ recoveryCodes: string[] }> {
  return api.post('/api/v1/me/mfa/confirm', { code });
}

export function disableMfa(password: string) {
  return api.post<{ ok: true }>('/api/v1/me/mfa/disable', { password });
}

export function regenerateRecoveryCodes(): Promise<{ recoveryCodes: string[] }> {
  return api.post('/api/v1/me/mfa/recovery-codes');
}

export function fetchRemainingRecoveryCodes(): Promise<{ remaining: number }> {
  return api.get('/api/v1/me/mfa/recovery-codes/remaining');
}

export function fetchOwnSessions(): Promise<OwnSession[]> {
  return api.get('/api/v1/me/sessions');
}

export function revokeOwnSession(id: string) {
  return api.delete<{ ok: true }>(`/api/v1/me/sessions/${encodeURIComponent(id)}`);
}

export function revokeAllOwnSessions(): Promise<{ revoked: number }> {
  return api.post('/api/v1/me/sessions/revoke-all');
}
