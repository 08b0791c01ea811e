import { notifications } from '@mantine/notifications';
import { z } from 'zod';
import {
  measureInput,
  scheduleSubprocessorInput,
  statusUpdateInput,
  trustSettingsInput,
} from '@contracts/trust.js';
import { ApiError } from '../../api/client.js';
import type { TrustSettings } from '../../api/trust.js';
import { asRecord, nullable } from '../vendors/formValues.js';

/** '' or anything not a number stays NaN, which the contract refuses at its field. */
const numberOf = (value: string | undefined) => Number((value ?? '').trim() || Number.NaN);

export type SettingsFormValues = Record<
  'shopName' | 'logoUrl' | 'brandColour' | 'noticeDays' | 'linkDays',
  string
>;

export function settingsValues(settings: TrustSettings): SettingsFormValues {
  return {
    shopName: settings.shopName,
    logoUrl: settings.logoUrl ?? '',
    brandColour: settings.brandColour,
    noticeDays: String(settings.noticeDays),
    linkDays: String(settings.linkDays),
  };
}

/** The form's strings turned into the contract's shape, then checked by the contract itself. */
export const settingsForm = z.preprocess((raw) => {
  const v = asRecord(raw);
  return {
    shopName: v.shopName ?? '',
    logoUrl: nullable(v.logoUrl),
    brandColour: v.brandColour ?? '',
    noticeDays: numberOf(v.noticeDays),
    linkDays: numberOf(v.linkDays),
  };
}, trustSettingsInput);

export type MeasureFormValues = Record<'title' | 'description', string>;
export const measureForm = measureInput;

export type ScheduleFormValues = Record<'vendorId' | 'purpose' | 'goLiveOn', string>;
/** An empty purpose is left out: the server then uses the vendor's services. */
export const scheduleForm = z.preprocess((raw) => {
  const v = asRecord(raw);
  const purpose = nullable(v.purpose);
  return {
    vendorId: v.vendorId ?? '',
    goLiveOn: (v.goLiveOn ?? '').trim(),
    ...(purpose ? { purpose } : {}),
  };
}, scheduleSubprocessorInput);

export type UpdateFormValues = Record<'incidentId' | 'state' | 'title' | 'body', string>;
export const updateForm = statusUpdateInput;

/** A UTC calendar date some days from now, as the server counts notice. */
export function dateInDays(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A failed action, told in a red notification: the server's message, or a fallback. */
export function notifyFailure(error: unknown, fallback: string) {
  notifications.show({
    color: 'red',
    message: error instanceof ApiError ? error.message : fallback,
  });
}
