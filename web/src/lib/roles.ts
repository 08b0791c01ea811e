import type { Role } from '../api/users.js';

const rank: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

export const roleLabels: Record<Role, string> = {
  viewer: 'Viewer',
  analyst: 'Analyst',
  admin: 'Admin',
};

export const roleOptions = (['viewer', 'analyst', 'admin'] as const).map((value) => ({
  value,
  label: roleLabels[value],
}));

/** Mirrors the server: a token's scopes are capped by its owner's role. */
export function scopesForRole(role: Role): ('ingest' | 'read' | 'write' | 'admin')[] {
  if (role === 'admin') return ['ingest', 'read', 'write', 'admin'];
  if (role === 'analyst') return ['ingest', 'read', 'write'];
  return ['read'];
}
