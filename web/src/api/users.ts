import type { z } from 'zod';
import type { inviteResponse, role, securitySettings, UserDto } from '@contracts/identity.js';
import { api } from './client.js';

export type Role = z.infer<typeof role>;
export type InviteResult = z.infer<typeof inviteResponse>;
export type SecuritySettings = z.infer<typeof securitySettings>;

export function fetchUsers(): Promise<UserDto[]> {
  return api.get('/api/v1/users');
}

export function inviteUser(input: {
  email: string;
  displayName: string;
  role: Role;
}): Promise<InviteResult> {
  return api.post('/api/v1/users/invitations', input);
}

export function changeUserRole(id: string, newRole: Role): Promise<UserDto> {
  return api.put(`/api/v1/users/${encodeURIComponent(id)}/role`, { role: newRole });
}

export type UserAction = 'disable' | 'enable' | 'reset-mfa';

export function applyUserAction(id: string, action: UserAction): Promise<UserDto> {
  return api.post(`/api/v1/users/${encodeURIComponent(id)}/${action}`);
}

export function fetchSecuritySettings(): Promise<SecuritySettings> {
  return api.get('/api/v1/settings/security');
}

export function updateSecuritySettings(settings: SecuritySettings): Promise<SecuritySettings> {
  return api.put('/api/v1/settings/security', settings);
}

/** A new invitation for an invited user, or a password-reset link for an active one. */
export function sendAccessLink(id: string): Promise<InviteResult> {
  return api.post(`/api/v1/users/${encodeURIComponent(id)}/access-link`);
}
