import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  SecurityTxtFinding,
  SecurityTxtReport,
  SecurityTxtSettings,
  securityTxtSettingsInput,
} from '@contracts/securitytxt.js';
import { api } from './client.js';

export type { SecurityTxtFinding, SecurityTxtReport };
/** What the admin routes answer: the settings with the public half of the signing key. */
export type SecurityTxtView = SecurityTxtSettings & { publicKey: string | null };
export type SecurityTxtInput = z.input<typeof securityTxtSettingsInput>;

/** Where the public file lives; the server builds it from the settings (404 until saved). */
export const SECURITY_TXT_URL = '/.well-known/security.txt';

export const disclosureKeys = {
  all: ['disclosure'] as const,
  securityTxt: ['disclosure', 'security-txt'] as const,
};

const settingsPath = '/api/v1/disclosure/security-txt';

export const fetchSecurityTxt = (): Promise<SecurityTxtView> => api.get(settingsPath);
export const saveSecurityTxt = (input: SecurityTxtInput): Promise<SecurityTxtView> =>
  api.put(settingsPath, input);
/** No body: the server refuses an empty one claiming to be JSON. */
export const generateSigningKey = (): Promise<SecurityTxtView> =>
  api.post(`${settingsPath}/signing-key`);
export const removeSigningKey = (): Promise<SecurityTxtView> =>
  api.delete(`${settingsPath}/signing-key`);
export const validateSecurityTxt = (text: string): Promise<SecurityTxtReport> =>
  api.post(`${settingsPath}/validate`, { text });

// Query hooks

/** The settings; a 404 (an ApiError) means nobody has saved them yet. */
export const useSecurityTxt = () =>
  useQuery({ queryKey: disclosureKeys.securityTxt, queryFn: fetchSecurityTxt });

// Mutation hooks

/**
 * Every settings command answers with the whole view as it now is (new Expires, signing
 * state, warnings): it goes into the cache at once, so a first save swaps the page from
 * "not configured" without waiting for a re-read that could still answer 404 from the cache.
 */
function useSettingsMutation<Input>(mutationFn: (input: Input) => Promise<SecurityTxtView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (view) => {
      queryClient.setQueryData(disclosureKeys.securityTxt, view);
    },
  });
}

export const useSaveSecurityTxt = () => useSettingsMutation(saveSecurityTxt);
export const useGenerateSigningKey = () => useSettingsMutation<void>(generateSigningKey);
export const useRemoveSigningKey = () => useSettingsMutation<void>(removeSigningKey);

/**
 * Checks any security.txt text. A mutation, not a query: it runs when asked, for text the
 * user pasted, and changes nothing on the server.
 */
export const useValidateSecurityTxt = () => useMutation({ mutationFn: validateSecurityTxt });
