import { z } from 'zod';
import { LEGAL_FLAGS } from './datamap.js';

/**
 * The format of a breach-notification rule file (`rules/breach/*.yaml`): one jurisdiction and
 * one duty, in versions. Counsel edit these files; `docs/breach-rules.md` explains each field.
 * Shared with the web app, which shows the rules and their citations.
 */

export const RECIPIENTS = [
  'supervisory_authority',
  'attorney_general',
  'individuals',
  'credit_bureaus',
  'card_brands',
  'securities_regulator',
  /** A duty owed to no one outside: an assessment the law requires within a time. */
  'internal',
] as const;
/** The events a clock can start from; `suspected` is the incident's first detection. */
export const RULE_TRIGGERS = [
  'aware',
  'discovered',
  'determined',
  'materiality_decided',
  'suspected',
] as const;

const ruleId = z
  .string()
  .regex(
    /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/,
    'must be lower case words joined by . or -, e.g. us-ca.residents',
  );
const date = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
const words = (max: number) => z.string().trim().min(1).max(max);
const url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');
const regionCode = z.string().regex(/^[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 subdivision code');

/** Where the words come from: a statute and section, and where to read it. */
const citation = z.strictObject({
  statute: words(200),
  url,
  /** The operative words, quoted or closely paraphrased, for the reasons shown to people. */
  text: words(2000).optional(),
});

/** A data element the rule covers: a legal flag of the category catalogue or a category key. */
const dataElement = z.union([
  z.enum(LEGAL_FLAGS),
  z.string().regex(/^category:[a-z][a-z0-9_]{1,39}$/, 'must be a legal flag or category:<key>'),
]);

/** `text` says the deadline in the law's words ("without undue delay and … 72 hours"). */
const inWords = { text: words(300) };
const deadline = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('hours'),
    amount: z.number().int().min(1).max(10_000),
    ...inWords,
  }),
  z.strictObject({
    kind: z.literal('calendar_days'),
    amount: z.number().int().min(1).max(3650),
    ...inWords,
  }),
  z.strictObject({
    kind: z.literal('business_days'),
    amount: z.number().int().min(1).max(365),
    /** A calendar in `rules/breach/calendars/`, by id. */
    calendar: words(40),
    ...inWords,
  }),
  /** No fixed time: "without undue delay", "as soon as feasible". The clock shows none. */
  z.strictObject({ kind: z.literal('no_fixed_time'), ...inWords }),
]);

const version = z.strictObject({
  /** The day this version took effect; the latest one on or before the trigger date applies. */
  effective: date,
  citation,
  /** What starts the clock, or another duty of this jurisdiction being done. */
  starts: z.union([
    z.strictObject({ trigger: z.enum(RULE_TRIGGERS) }),
    z.strictObject({ afterDuty: ruleId }),
  ]),
  deadline,
  /** Any one combination, all of its elements exposed for one person, brings the duty. */
  covered: z.union([
    z.strictObject({
      anyOf: z.array(z.array(dataElement).min(1).max(10)).min(1).max(20),
      text: words(2000),
      citation: words(200).optional(),
    }),
    z.strictObject({ sameAs: ruleId }),
    /** Whatever data it touched (securities law counts materiality, not records). */
    z.strictObject({ always: z.literal(true), text: words(2000) }),
  ]),
  threshold: z
    .strictObject({
      /** Affected people of this jurisdiction, counted after coverage and exemptions. */
      moreThan: z.number().int().min(0).optional(),
      atLeast: z.number().int().min(1).optional(),
      text: words(500),
      citation: words(200).optional(),
    })
    .refine((t) => (t.moreThan === undefined) !== (t.atLeast === undefined), {
      message: 'give exactly one of moreThan and atLeast',
    })
    .optional(),
  harm: z
    .strictObject({
      /**
       * `presumed`: applies unless a documented assessment concludes the harm is unlikely.
       * `if_assessed`: applies only once a documented assessment concludes it is likely.
       */
      test: z.enum(['presumed', 'if_assessed']),
      text: words(1000),
      citation: words(200).optional(),
    })
    .optional(),
  safeHarbour: z
    .strictObject({
      encryption: z.literal(true),
      text: words(1000),
      citation: words(200).optional(),
    })
    .optional(),
  lawEnforcementDelay: z
    .strictObject({ text: words(1000), citation: words(200).optional() })
    .optional(),
  /** What the notice must say; a notice missing one is refused. */
  content: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be a snake_case id'),
        label: words(200),
        /** The label must appear as a heading, word for word (California's titled sections). */
        heading: z.boolean().default(false),
        /** Required only in a notice sent after its deadline (e.g. GDPR's reasons for delay). */
        when: z.literal('late').optional(),
        citation: words(200).optional(),
      }),
    )
    .max(40)
    .default([]),
  /** How far the text was checked against its source, and what could not be. */
  verified: z.strictObject({
    on: date,
    status: z.enum(['verified', 'partly', 'unverified']),
    sources: z.array(url).min(1),
    note: words(2000).optional(),
  }),
});

export const breachRule = z
  .strictObject({
    id: ruleId,
    jurisdiction: z.strictObject({
      /** e.g. EU, GB, US-CA, BR; also the group shown in the UI. */
      code: z
        .string()
        .regex(/^[A-Z]{2,3}(?:-[A-Z0-9]{1,3})?$/, 'must be like EU, GB, PCI or US-CA'),
      name: words(100),
      /** Whose data brings the duty: customers living here (no region: the whole country). */
      residents: z
        .array(z.strictObject({ country: countryCode, region: regionCode.optional() }))
        .max(60),
      /** No residents: the duty follows the shop (securities law, card-brand contracts). */
      everyone: z.literal(true).optional(),
    }),
    duty: words(200),
    recipient: z.enum(RECIPIENTS),
    /** One obligation per affected country, each to its own authority (GDPR without a lead). */
    perCountry: z
      .strictObject({ authorities: z.record(countryCode, words(200)), text: words(1000) })
      .optional(),
    versions: z.array(version).min(1).max(50),
  })
  .superRefine((rule, ctx) => {
    const dates = rule.versions.map((v) => v.effective);
    if (new Set(dates).size !== dates.length)
      ctx.addIssue({ code: 'custom', path: ['versions'], message: 'two versions share a date' });
    if ((rule.jurisdiction.residents.length === 0) !== (rule.jurisdiction.everyone === true))
      ctx.addIssue({
        code: 'custom',
        path: ['jurisdiction'],
        message: 'give residents, or everyone: true for a duty that follows the shop',
      });
  });

export const breachCalendar = z.strictObject({
  id: words(40),
  name: words(100),
  /** Days are counted in this IANA zone. */
  timezone: words(60),
  /** 1 Monday … 7 Sunday (ISO). */
  weekend: z.array(z.number().int().min(1).max(7)).max(6).default([6, 7]),
  /** Public holidays from the date-holidays library, by country and optional state. */
  publicHolidays: z
    .strictObject({ country: countryCode, state: z.string().max(10).optional() })
    .optional(),
  /** Days off the library does not know (or a shop-specific one), and days it wrongly has. */
  extra: z.array(z.strictObject({ date, name: words(100) })).default([]),
  removed: z.array(date).default([]),
});

export type BreachRule = z.infer<typeof breachRule>;
export type BreachRuleVersion = BreachRule['versions'][number];
export type BreachCalendar = z.infer<typeof breachCalendar>;
export type Recipient = (typeof RECIPIENTS)[number];
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];
