import { z } from 'zod';
import { categoryKey } from './datamap.js';
import { longText, text, utcInstant } from './common.js';
import { RECIPIENTS, RULE_TRIGGERS } from './breach-rules.js';

/**
 * Breach notification: the obligations an incident brings under the rules, the decisions
 * people record about them, and the facts the rules read. Shared by the API and the web app.
 */

export const OBLIGATION_STATUSES = [
  /** Owed, and its clock (if the law sets one) is running. */
  'due',
  /** The law asks for it only if a documented assessment finds the risk it names. */
  'assessment_needed',
  /** Owed, but the event its clock starts from is not recorded yet. */
  'waiting_for_trigger',
  /** A law-enforcement delay the rule allows holds the clock. */
  'paused',
  'done',
  /** Someone decided, with reasons, that it is not owed. */
  'exempt',
  /** Nothing in the scope brings it: no covered data, under the threshold, not in force. */
  'not_required',
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const DECISION_KINDS = [
  'risk_assessment',
  'not_applicable',
  'law_enforcement_delay',
  'notice_given',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

const obligationKey = z
  .string()
  .regex(/^[a-z0-9.-]{1,80}(?::[A-Z]{2})?$/, 'must be an obligation key such as eu-gdpr.art33:DE');
const justification = longText(5000).pipe(z.string().min(10, 'say why, in at least 10 characters'));

export const decisionInput = z.discriminatedUnion('kind', [
  /** A documented risk or harm assessment (GDPR Art. 33(5), Fla. Stat. 501.171(4)(c), …). */
  z.strictObject({
    kind: z.literal('risk_assessment'),
    obligationKey,
    conclusion: z.enum(['likely', 'unlikely']),
    justification,
  }),
  /** The duty does not reach this shop (not an SEC registrant, not a card merchant…). */
  z.strictObject({ kind: z.literal('not_applicable'), obligationKey, justification }),
  /** A delay a law-enforcement agency asked for; `until` null while it lasts. */
  z.strictObject({
    kind: z.literal('law_enforcement_delay'),
    obligationKey,
    agency: text(200),
    from: utcInstant,
    until: utcInstant.nullable(),
    justification,
  }),
  /** The notice was given: when, and a reference (portal case number, campaign id). */
  z.strictObject({
    kind: z.literal('notice_given'),
    obligationKey,
    at: utcInstant,
    reference: text(300),
    justification: longText(5000).default(''),
  }),
]);
export type DecisionInput = z.output<typeof decisionInput>;

export const decision = z.object({
  id: z.string(),
  incidentId: z.string(),
  obligationKey: z.string(),
  kind: z.enum(DECISION_KINDS),
  /** The fields of its kind (conclusion, agency, from, until, at, reference). */
  details: z.record(z.string(), z.unknown()),
  justification: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  timelineSeq: z.number().int(),
});
export type Decision = z.infer<typeof decision>;
export const decisionList = z.object({ items: z.array(decision) });
export const withdrawInput = z.strictObject({ justification });

/** Whether what reached the attacker of one category was unreadable to them. */
export const ENCRYPTION_STATES = ['encrypted', 'key_compromised', 'not_encrypted'] as const;
export const encryptionInput = z.strictObject({
  category: categoryKey,
  state: z.enum(ENCRYPTION_STATES),
  note: longText(2000).default(''),
});
export const encryptionFact = z.object({
  category: z.string(),
  state: z.enum(ENCRYPTION_STATES),
  note: z.string(),
  setBy: z.string().nullable(),
  setAt: z.string(),
});
export type EncryptionFact = z.infer<typeof encryptionFact>;

const considered = z.object({
  kind: z.enum([
    'version',
    'coverage',
    'threshold',
    'harm',
    'safe_harbour',
    'law_enforcement_delay',
    'decision',
  ]),
  /** What came of it, in a few words: "met", "not met", "applied", "available"… */
  outcome: z.string(),
  text: z.string(),
  citation: z.string().nullable(),
});

export const obligation = z.object({
  /** Rule id, and the country for a duty owed per country (`eu-gdpr.art33:DE`). */
  key: z.string(),
  ruleId: z.string(),
  /** The effective date of the version applied. */
  version: z.string().nullable(),
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  country: z.string().nullable(),
  duty: z.string(),
  recipient: z.enum(RECIPIENTS),
  /** The authority for a duty owed per country. */
  recipientName: z.string().nullable(),
  status: z.enum(OBLIGATION_STATUSES),
  /** People of this jurisdiction whose covered data was exposed (after safe harbours). */
  affected: z.number().int(),
  citation: z.object({ statute: z.string(), url: z.string() }).nullable(),
  starts: z.object({
    trigger: z.enum(RULE_TRIGGERS).nullable(),
    afterDuty: z.string().nullable(),
    /** When the clock started; null while its event is not recorded. */
    at: z.string().nullable(),
    /** Counted from when the other duty is due, because it is not done yet. */
    projected: z.boolean(),
  }),
  deadline: z.object({
    kind: z.enum(['hours', 'calendar_days', 'business_days', 'no_fixed_time']),
    amount: z.number().int().nullable(),
    calendar: z.string().nullable(),
    text: z.string(),
  }),
  /** The due time, after any pause; null without a fixed time or a start. */
  due: z.string().nullable(),
  pausedHours: z.number(),
  /** Past due and not done, or done after it was due. */
  late: z.boolean(),
  doneAt: z.string().nullable(),
  /** Why it applies (or not), each sentence citing the rule text. */
  reasons: z.array(z.string()),
  considered: z.array(considered),
  lawEnforcementDelayAllowed: z.boolean(),
  /** What the notice must say. */
  content: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      heading: z.boolean(),
      when: z.string().nullable(),
      citation: z.string().nullable(),
    }),
  ),
  verified: z
    .object({ status: z.string(), on: z.string(), note: z.string().nullable() })
    .nullable(),
});
export type Obligation = z.infer<typeof obligation>;

export const obligationReport = z.object({
  incidentId: z.string(),
  /** The scope snapshot the counts come from; null before the first. */
  snapshot: z
    .object({ id: z.string(), takenAt: z.string(), customers: z.number().int() })
    .nullable(),
  computedAt: z.string(),
  obligations: z.array(obligation),
  /** Customers whose jurisdiction is not known: no law can be matched to them. */
  unknownJurisdiction: z.object({ customers: z.number().int(), warning: z.string() }).nullable(),
  warnings: z.array(z.string()),
});
export type ObligationReport = z.infer<typeof obligationReport>;

export const ruleSummary = z.object({
  id: z.string(),
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  duty: z.string(),
  recipient: z.enum(RECIPIENTS),
  file: z.string(),
  versions: z.array(
    z.object({
      effective: z.string(),
      statute: z.string(),
      url: z.string(),
      deadline: z.string(),
      verified: z.string(),
    }),
  ),
});
export const ruleList = z.object({ items: z.array(ruleSummary) });
export const decisionParams = z.strictObject({ id: z.uuid(), decisionId: z.uuid() });
