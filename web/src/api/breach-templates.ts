import { useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  contentCheck,
  NoticeTemplate,
  noticePreview,
  noticeTemplateInput,
} from '@contracts/breach-notices.js';
import { api } from './client.js';
import { incidentKeys } from './incidents.js';

export type { NoticeTemplate };
export type NoticeTemplateInput = z.input<typeof noticeTemplateInput>;
export type NoticePreview = z.infer<typeof noticePreview>;
export type ContentCheck = z.infer<typeof contentCheck>;

/**
 * Query keys. Templates are shop-wide, per rule and locale. A preview belongs to an incident
 * (it renders the incident's facts), so it sits under the incident's key and any incident
 * change refreshes it; a saved template moves every incident's preview of that rule.
 */
export const templateKeys = {
  rule: (ruleId: string) => ['breach', 'templates', ruleId] as const,
  template: (ruleId: string, locale: string) => ['breach', 'templates', ruleId, locale] as const,
  versions: (ruleId: string, locale: string) =>
    ['breach', 'templates', ruleId, locale, 'versions'] as const,
  preview: (incidentId: string, key: string, locale: string) =>
    [...incidentKeys.incident(incidentId), 'obligations', 'notice', key, locale] as const,
};

const enc = encodeURIComponent;
const templatePath = (ruleId: string) => `/api/v1/breach/templates/${enc(ruleId)}`;

export const fetchNoticeTemplate = (ruleId: string, locale: string): Promise<NoticeTemplate> =>
  api.get(templatePath(ruleId), { locale });
export const fetchNoticeTemplateVersions = (
  ruleId: string,
  locale: string,
): Promise<{ items: NoticeTemplate[] }> => api.get(`${templatePath(ruleId)}/versions`, { locale });
export const saveNoticeTemplate = (
  ruleId: string,
  input: NoticeTemplateInput,
): Promise<NoticeTemplate> => api.put(templatePath(ruleId), input);
/** The key may hold a country after a colon (`eu-gdpr.art33:DE`), hence the encoding. */
export const fetchNoticePreview = (
  incidentId: string,
  key: string,
  locale: string,
): Promise<NoticePreview> =>
  api.get(`/api/v1/incidents/${enc(incidentId)}/obligations/${enc(key)}/notice`, { locale });

// Query hooks; `enabled` is false while the locale typed is not a language tag yet.
export const useNoticeTemplate = (ruleId: string, locale: string, enabled = true) =>
  useQuery({
    queryKey: templateKeys.template(ruleId, locale),
    queryFn: () => fetchNoticeTemplate(ruleId, locale),
    enabled,
  });
export const useNoticeTemplateVersions = (ruleId: string, locale: string, enabled = true) =>
  useQuery({
    queryKey: templateKeys.versions(ruleId, locale),
    queryFn: () => fetchNoticeTemplateVersions(ruleId, locale),
    enabled,
  });
export const useNoticePreview = (incidentId: string, key: string, locale: string, enabled = true) =>
  useQuery({
    queryKey: templateKeys.preview(incidentId, key, locale),
    queryFn: () => fetchNoticePreview(incidentId, key, locale),
    enabled,
  });

/** Any incident's notice preview: a new template version changes what each one says. */
const isNoticePreview = (query: Query) =>
  query.queryKey[0] === 'incidents' && query.queryKey.includes('notice');

/** Saves a new version of a rule's template, then refreshes its versions and every preview. */
export function useSaveNoticeTemplate(ruleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NoticeTemplateInput) => saveNoticeTemplate(ruleId, input),
    onSuccess: (saved) => {
      // The new version is what the editor shows next: no need to wait for the refetch.
      queryClient.setQueryData(templateKeys.template(ruleId, saved.locale), saved);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: templateKeys.rule(ruleId) }),
        queryClient.invalidateQueries({ predicate: isNoticePreview }),
      ]);
    },
  });
}
