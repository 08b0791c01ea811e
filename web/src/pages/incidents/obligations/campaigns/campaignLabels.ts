import type {
  Campaign,
  CampaignStatus,
  SuppressionReason,
} from '../../../../api/breach-campaigns.js';
import type { Obligation } from '../../../../api/breach.js';

export const campaignStatusLabels: Record<CampaignStatus, string> = {
  preparing: 'Preparing',
  ready: 'Ready to send',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const campaignStatusColors: Record<CampaignStatus, string> = {
  preparing: 'yellow',
  ready: 'blue',
  sending: 'blue',
  paused: 'grape',
  completed: 'teal',
  cancelled: 'gray',
};

/** Why a person gets no letter, in words; the order is the contract's. */
export const suppressionReasonLabels: Record<SuppressionReason, string> = {
  missing_email: 'missing email',
  invalid_email: 'invalid email',
  suppression_list: 'on the suppression list',
  erased: 'erased',
};

/**
 * A recipient's reason: a suppression reason, or `refused` when the mail server turned the
 * letter down for good. Anything newer the server sends is shown as it comes.
 */
export function recipientReasonLabel(reason: string | null): string {
  if (reason === null) return '—';
  if (reason === 'refused') return 'refused by the mail server';
  return reason in suppressionReasonLabels
    ? suppressionReasonLabels[reason as SuppressionReason]
    : reason.replaceAll('_', ' ');
}

/** Campaigns write to people; duties to authorities are filed instead. */
export const canHaveCampaign = (obligation: Obligation) =>
  obligation.recipient === 'individuals' &&
  obligation.status !== 'not_required' &&
  obligation.status !== 'exempt';

/** People the campaign can write to: those covered, less those it cannot. */
export const lettersToSend = (campaign: Campaign) =>
  Math.max(0, campaign.recipients - campaign.suppressedTotal);

/**
 * Letters dealt with (sent or failed) of those to send, in whole percent. Rounded down, so
 * "100%" means every letter is out, never 999 of 1,000. Nothing to send is done at once.
 */
export function deliveryPercent(campaign: Campaign): number {
  const total = lettersToSend(campaign);
  if (total === 0) return campaign.status === 'completed' ? 100 : 0;
  return Math.min(100, Math.floor(((campaign.sent + campaign.failed) / total) * 100));
}

/** Of the snapshot's customers, how many the preparation has looked at, in whole percent. */
export function preparationPercent(campaign: Campaign): number {
  if (campaign.scopeCustomers === 0) return 0;
  return Math.min(100, Math.floor((campaign.examined / campaign.scopeCustomers) * 100));
}
