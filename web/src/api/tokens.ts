import type { z } from 'zod';
import type { apiToken, createdToken, tokenScope } from '@contracts/identity.js';
import { api } from './client.js';

export type ApiToken = z.infer<typeof apiToken>;
export type TokenScope = z.infer<typeof tokenScope>;
export type CreatedToken = z.infer<typeof createdToken>;

export function fetchTokens(all: boolean): Promise<ApiToken[]> {
  return api.get('/api/v1/tokens', { all: all ? 'true' : undefined });
}

export function createToken(input: {
  name: string;
  scopes: TokenScope[];
  expiresInDays: number | null;
}): Promise<CreatedToken> {
  return api.post('/api/v1/tokens', input);
}

export function revokeToken(id: string) {
  return api.delete<{ ok: true }>(`/api/v1/tokens/${encodeURIComponent(id)}`);
}
