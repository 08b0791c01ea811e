import { ENCRYPTION_STATES } from '@contracts/breach.js';
import type { RECIPIENTS } from '@contracts/breach-rules.js';
import type {
  DecisionKind,
  EncryptionState,
  Obligation,
  ObligationStatus,
} from '../../../api/breach.js';
import { countryName } from '../../../components/jurisdictions.js';
import { options } from '../../vendors/labels.js';

type Recipient = (typeof RECIPIENTS)[number];
type ConsideredKind = Obligation['considered'][number]['kind'];

export const obligationStatusLabels: Record<ObligationStatus, string> = {
  due: 'Due',
  assessment_needed: 'Assessment needed',
  waiting_for_trigger: 'Waiting for trigger',
  paused: 'Paused',
  done: 'Done',
  exempt: 'Exempt',
  not_required: 'Not required',
};

export const obligationStatusColors: Record<ObligationStatus, string> = {
  due: 'blue',
  assessment_needed: 'orange',
  waiting_for_trigger: 'yellow',
  paused: 'grape',
  done: 'teal',
  exempt: 'gray',
  not_required: 'gray',
};

/** Still to be done: what the tab lists first and the header's clocks count down. */
export const OWED_STATUSES: readonly ObligationStatus[] = [
  'due',
  'paused',
  'waiting_for_trigger',
  'assessment_needed',
];
export const SETTLED_STATUSES: readonly ObligationStatus[] = ['done', 'exempt'];
export const isOwed = (obligation: Obligation) => OWED_STATUSES.includes(obligation.status);

export const recipientLabels: Record<Recipient, string> = {
  supervisory_authority: 'Supervisory authority',
  attorney_general: 'Attorney General',
  individuals: 'Affected people',
  credit_bureaus: 'Credit bureaus',
  card_brands: 'Card brands',
  securities_regulator: 'Securities regulator',
  internal: 'Internal assessment',
};

export const decisionKindLabels: Record<DecisionKind, string> = {
  risk_assessment: 'Risk assessment',
  not_applicable: 'Not applicable',
  law_enforcement_delay: 'Law-enforcement delay',
  notice_given: 'Notice given',
};

export const considerationLabels: Record<ConsideredKind, string> = {
  version: 'Version in force',
  coverage: 'Covered data',
  threshold: 'Threshold',
  harm: 'Risk of harm',
  safe_harbour: 'Safe harbour',
  law_enforcement_delay: 'Law-enforcement delay',
  decision: 'Decision',
};

export const encryptionStateLabels: Record<EncryptionState, string> = {
  encrypted: 'Encrypted, key safe',
  key_compromised: 'Encrypted, key compromised',
  not_encrypted: 'Not encrypted',
};
export const encryptionStateOptions = options(
  ENCRYPTION_STATES,
  (value) => encryptionStateLabels[value],
);

/** Where the duty is owed: "Germany" for a per-country duty, else the rule's jurisdiction. */
export function obligationPlace(obligation: Obligation): string {
  return obligation.country ? countryName(obligation.country) : obligation.jurisdiction.name;
}

/** The duty and where, for lists that name an obligation away from its card. */
export function obligationTitle(obligation: Obligation): string {
  return `${obligation.duty} (${obligationPlace(obligation)})`;
}

/** A short label for a chart axis: "DE · Supervisory authority", "US-CA · Affected people". */
export function obligationShortLabel(obligation: Obligation): string {
  return `${obligation.country ?? obligation.jurisdiction.code} · ${recipientLabels[obligation.recipient]}`;
}

/** A not-required duty's one line: the sentence that says why not, else the last one. */
export function notRequiredReason(obligation: Obligation): string {
  const why = obligation.reasons.find((reason) => reason.startsWith('Not required'));
  return why ?? obligation.reasons.at(-1) ?? 'Nothing in the scope brings it.';
}
