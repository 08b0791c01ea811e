import { z } from 'zod';
import { chainVerification } from './audit.js';
import { id, limit, longText, outboundUrl, text, utcInstant } from './common.js';

export const INCIDENT_TYPES = [
  'vendor_compromise',
  'credential_stuffing',
  'data_exfiltration',
  'vulnerability_exploited',
  'other',
] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** The NIST SP 800-61r3 lifecycle, in order. */
export const INCIDENT_STATUSES = [
  'detected',
  'analysing',
  'contained',
  'eradicated',
  'recovered',
  'closed',
] as const;
/** The instants laws and contracts start their clocks from. */
export const TRIGGER_NAMES = [
  'exposure_from',
  'exposure_to',
  'detected',
  'aware',
  'discovered',
  'determined',
  'materiality_decided',
  'vendor_notice_received',
] as const;
/** What an incident can concern; vulnerability reports join when disclosure exists. */
export const LINK_KINDS = ['vendor', 'integration', 'alert', 'finding'] as const;
/** Kinds a person writes; the rest are written by the actions that cause them. */
export const WRITTEN_KINDS = ['note', 'decision', 'communication'] as const;
export const TIMELINE_KINDS = [
  ...WRITTEN_KINDS,
  'status_change',
  'trigger_set',
  'link_change',
  'record_change',
  'task_change',
  'evidence_added',
  'custody',
  'scope_snapshot',
  'action_executed',
] as const;
export const CONFIDENCE_LEVELS = ['confirmed', 'probable', 'possible'] as const;

export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type TriggerName = (typeof TRIGGER_NAMES)[number];
export type LinkKind = (typeof LINK_KINDS)[number];
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const incidentType = z.enum(INCIDENT_TYPES);
const severity = z.enum(INCIDENT_SEVERITIES);
const status = z.enum(INCIDENT_STATUSES);

/** An IANA time zone name the runtime knows (`Europe/Berlin`, `UTC`). */
export const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone name, such as Europe/Berlin or UTC');

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const incidentInput = z.strictObject({
  title: text(200),
  type: incidentType,
  severity,
  summary: longText(10_000).default(''),
  /** Defaults to whoever opens the incident. */
  ownerId: id.optional(),
  /** Seen only by its owner and members, whatever their role. */
  restricted: z.boolean().default(false),
  memberIds: z.array(id).max(100).default([]),
});

export const incidentPatch = z
  .strictObject({
    title: text(200),
    type: incidentType,
    severity,
    summary: longText(10_000),
    ownerId: id,
    restricted: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'must change something' });

export const statusInput = z.strictObject({
  status,
  /** Needed to move back in the lifecycle or to close. */
  reason: longText(2000).optional(),
});

export const triggerInput = z
  .strictObject({
    trigger: z.enum(TRIGGER_NAMES),
    /** Null withdraws the time set before. */
    at: utcInstant.nullable(),
    reason: text(2000),
    /** Where the time comes from: a log, a vendor's letter, a meeting. */
    source: text(500),
    /** Whose breach notice it was; only for `vendor_notice_received`. */
    vendorId: id.optional(),
  })
  .refine(
    (input) => (input.trigger === 'vendor_notice_received') === (input.vendorId !== undefined),
    {
      path: ['vendorId'],
      message: 'names whose breach notice it is: needed for vendor_notice_received, and only there',
    },
  );

export const memberInput = z.strictObject({ userId: id });
export const fromFindingInput = z.strictObject({ findingId: id });
export const linkInput = z.strictObject({ kind: z.enum(LINK_KINDS), targetId: id });
export const linkParams = z.strictObject({ id, kind: z.enum(LINK_KINDS), targetId: id });
export const memberParams = z.strictObject({ id, userId: id });

const when = {
  /** When it happened; defaults to now. */
  occurredAt: utcInstant.optional(),
  occurredTimeZone: timeZone.default('UTC'),
  /** How it is known: a log, a call, a vendor's email. */
  occurredSource: text(500).default('recorded by hand'),
  confidence: z.enum(CONFIDENCE_LEVELS).default('confirmed'),
  /** The seq of an earlier entry this one corrects. */
  supersedes: z.number().int().min(1).optional(),
};
export const timelineInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('note'),
    text: longText(20_000).pipe(z.string().min(1)),
    ...when,
  }),
  z.strictObject({
    kind: z.literal('decision'),
    text: longText(20_000).pipe(z.string().min(1)),
    ...when,
  }),
  z.strictObject({
    kind: z.literal('communication'),
    direction: z.enum(['sent', 'received']),
    channel: text(100),
    parties: z.array(text(320)).min(1).max(50),
    subject: text(500).optional(),
    /** Verbatim, as sent or received. */
    content: longText(100_000).pipe(z.string().min(1)),
    ...when,
  }),
]);

export const incidentListQuery = z.strictObject({
  status: status.optional(),
  type: incidentType.optional(),
  limit,
  offset: z.coerce.number().int().min(0).default(0),
});
export const timelineQuery = z.strictObject({
  /** One kind, or several comma-separated (`communication`). */
  kind: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(TIMELINE_KINDS)).min(1))
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Entries after this seq, oldest first. */
  after: z.coerce.number().int().min(0).default(0),
});

const triggerSetting = z.object({
  trigger: z.enum(TRIGGER_NAMES),
  at: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  vendorId: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string(),
  timelineSeq: z.number().int(),
});

/** A vendor's breach notice against its contract's notice term. */
export const vendorNotice = z.object({
  vendorId: z.string(),
  vendorName: z.string(),
  receivedAt: z.string(),
  /** The shortest breach-notice term among the vendor's agreements, if any sets one. */
  termHours: z.number().nullable(),
  /** The trigger the term is counted from: detection, or awareness when detection is unset. */
  countedFrom: z.enum(['detected', 'aware']).nullable(),
  dueAt: z.string().nullable(),
  /** Hours past due; 0 when on time, null when no term or no start applies. */
  lateByHours: z.number().nullable(),
});

export const incidentSummary = z.object({
  id: z.string(),
  title: z.string(),
  type: incidentType,
  severity,
  status,
  restricted: z.boolean(),
  ownerId: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export const incident = incidentSummary.extend({
  summary: z.string(),
  createdBy: z.string().nullable(),
  members: z.array(z.object({ userId: z.string(), email: z.string(), addedAt: z.string() })),
  /** Every user the record names (assignees, who saved or asked for what), with their email. */
  people: z.array(z.object({ userId: z.string(), email: z.string() })),
  links: z.array(
    z.object({
      kind: z.enum(LINK_KINDS),
      targetId: z.string(),
      /** What people call it (a vendor's name, an alert's title); null once it is gone. */
      label: z.string().nullable(),
      linkedAt: z.string(),
    }),
  ),
  /** The setting in force for each trigger (per vendor for breach notices). */
  triggers: z.array(triggerSetting),
  vendorNotices: z.array(vendorNotice),
  timeline: z.object({ entries: z.number().int(), headHash: z.string() }),
});
export const incidentList = z.object({ items: z.array(incidentSummary), total: z.number().int() });

export const timelineEntry = z.object({
  seq: z.number().int(),
  kind: z.enum(TIMELINE_KINDS),
  occurredAt: z.string(),
  occurredTimeZone: z.string(),
  occurredSource: z.string(),
  confidence: z.enum(CONFIDENCE_LEVELS),
  recordedAt: z.string(),
  actor: z.object({
    type: z.string(),
    id: z.string().nullable(),
    label: z.string().nullable(),
  }),
  body: z.record(z.string(), z.unknown()),
  supersedes: z.number().int().nullable(),
  /** The newest later entry that corrects this one. */
  supersededBy: z.number().int().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export const timelinePage = z.object({ items: z.array(timelineEntry), total: z.number().int() });
export const timelineVerification = chainVerification;

/** Who should take a task nobody is assigned to; `owner` means the incident's owner. */
export const TASK_ROLES = [
  'owner',
  'security',
  'legal',
  'communications',
  'engineering',
  'vendor_management',
] as const;
export const TASK_STATUSES = ['open', 'done', 'skipped'] as const;
/** Due this many hours after one of the incident's trigger times. */
const relativeDue = z.strictObject({
  from: z.enum(TRIGGER_NAMES),
  hours: z
    .number()
    .int()
    .min(0)
    .max(24 * 366),
});

export const playbook = z.object({
  key: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  tasks: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      description: z.string().optional(),
      role: z.enum(TASK_ROLES),
      due: relativeDue.nullable(),
      checklist: z.array(z.string()),
    }),
  ),
});
export const playbookList = z.object({ items: z.array(playbook) });
export const applyPlaybookInput = z.strictObject({ playbook: z.string().min(1).max(100) });

export const taskInput = z
  .strictObject({
    title: text(200),
    description: longText(5000).default(''),
    role: z.enum(TASK_ROLES).optional(),
    assigneeId: id.optional(),
    /** A fixed deadline, or `due` for one that follows a trigger time. */
    dueAt: utcInstant.optional(),
    due: relativeDue.optional(),
    checklist: z.array(text(300)).max(50).default([]),
    /** A follow-up from the post-incident review, listed in the report as an action item. */
    actionItem: z.boolean().default(false),
  })
  .refine((input) => !(input.dueAt && input.due), {
    path: ['due'],
    message: 'give either dueAt or due, not both',
  });

export const taskPatch = z
  .strictObject({
    title: text(200),
    description: longText(5000),
    status: z.enum(TASK_STATUSES),
    assigneeId: id.nullable(),
    /** Fixes the deadline by hand (null: none); a trigger time no longer moves it. */
    dueAt: utcInstant.nullable(),
    /** Whether each checklist item is done, in order. */
    checked: z.array(z.boolean()).max(50),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'must change something' });
export const taskParams = z.strictObject({ id, taskId: id });

export const task = z.object({
  id: z.string(),
  incidentId: z.string(),
  playbook: z.string().nullable(),
  actionItem: z.boolean(),
  title: z.string(),
  description: z.string(),
  role: z.enum(TASK_ROLES).nullable(),
  assigneeId: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  due: relativeDue.nullable(),
  dueAt: z.string().nullable(),
  checklist: z.array(z.object({ text: z.string(), done: z.boolean() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
});
export const taskList = z.object({ items: z.array(task) });

/** What happened to a piece of evidence; `acquired` and `accessed` are recorded by Cordon. */
export const CUSTODY_ACTIONS = [
  'acquired',
  'accessed',
  'transferred',
  'stored',
  'returned',
  'exported',
] as const;
const recordedCustody = z.enum(['transferred', 'stored', 'returned', 'exported']);

/** The text fields sent with an evidence file (multipart). */
export const evidenceFields = z.strictObject({
  description: longText(2000).default(''),
  /** The person or system the file came from. */
  acquiredFrom: text(300),
  /** When it was taken from there; defaults to now. */
  acquiredAt: utcInstant.optional(),
  purpose: text(300).default('incident investigation'),
  location: text(300).default('Cordon evidence store'),
});
export const evidencePatch = z
  .strictObject({
    description: longText(2000),
    /** Under legal hold: kept whatever retention says. */
    legalHold: z.boolean(),
    /** Privileged (legal advice): left out of exports unless asked for. */
    privileged: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'must change something' });
export const custodyInput = z.strictObject({
  action: recordedCustody,
  from: text(300),
  to: text(300),
  purpose: text(500),
  location: text(300),
  at: utcInstant.optional(),
});
export const evidenceParams = z.strictObject({ id, evidenceId: id });

export const evidence = z.object({
  id: z.string(),
  incidentId: z.string(),
  sha256: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  byteSize: z.number().int(),
  description: z.string(),
  acquiredAt: z.string(),
  acquiredFrom: z.string(),
  legalHold: z.boolean(),
  privileged: z.boolean(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
});
export const evidenceList = z.object({ items: z.array(evidence) });
export const custodyEvent = z.object({
  id: z.string(),
  evidenceId: z.string(),
  action: z.enum(CUSTODY_ACTIONS),
  at: z.string(),
  from: z.string(),
  to: z.string(),
  purpose: z.string(),
  location: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  timelineSeq: z.number().int(),
});
export const custodyList = z.object({ items: z.array(custodyEvent) });

/** Containment the shop carries out when Cordon asks, through a signed webhook per type. */
export const ACTION_TYPES = [
  'revoke_credentials',
  'force_password_reset',
  'block_sources',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export const actionTypeParams = z.strictObject({ actionType: z.enum(ACTION_TYPES) });
export const endpointInput = z.strictObject({ url: outboundUrl });
export const actionEndpoint = z.object({
  actionType: z.enum(ACTION_TYPES),
  url: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export const endpointList = z.object({ items: z.array(actionEndpoint) });
/** Shown once, when it is made: the shop's receiver verifies signatures with it. */
export const endpointSaved = actionEndpoint.extend({ secret: z.string() });

const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1 to 100 letters, digits or . _ : -')
  .optional();
export const actionInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('revoke_credentials'),
    integrationId: id,
    idempotencyKey,
  }),
  z.strictObject({
    type: z.literal('force_password_reset'),
    /** The shop's customer ids; without them, every account the linked alerts name. */
    customerIds: z.array(text(200)).min(1).max(10_000).optional(),
    idempotencyKey,
  }),
  z.strictObject({
    type: z.literal('block_sources'),
    /** Addresses or CIDR ranges (checked by the service); without them, the linked alerts' sources. */
    sources: z.array(text(64)).min(1).max(10_000).optional(),
    idempotencyKey,
  }),
]);

export const ACTION_STATUSES = ['sending', 'succeeded', 'failed', 'partly_failed'] as const;
export const action = z.object({
  id: z.string(),
  incidentId: z.string(),
  type: z.enum(ACTION_TYPES),
  status: z.enum(ACTION_STATUSES),
  /** What was asked, in counts and names, without the lists themselves. */
  summary: z.record(z.string(), z.unknown()),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  messages: z.array(
    z.object({
      id: z.string(),
      part: z.number().int(),
      status: z.enum(['pending', 'succeeded', 'failed']),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      responseStatus: z.number().int().nullable(),
      completedAt: z.string().nullable(),
    }),
  ),
});
export const actionList = z.object({ items: z.array(action) });

const jurisdictionGroup = z.object({
  country: z.string().nullable(),
  region: z.string().nullable(),
  /** False for customers the ledger names but the directory does not know. */
  known: z.boolean(),
  /** The exact combination of categories that reached the vendors (maybe none for a takeover). */
  categories: z.array(z.string()),
  /**
   * How they were reached: data sent to a vendor, or an account taken over in the attack (its
   * categories are what the vendors also received). Each customer is in exactly one group.
   */
  via: z.enum(['vendor', 'account_takeover']),
  customers: z.number().int(),
});
export const scopeSnapshot = z.object({
  id: z.string(),
  incidentId: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  /** What it was computed from, so it can be computed again and compared. */
  inputs: z.object({
    vendorIds: z.array(z.string()),
    integrationIds: z.array(z.string()),
    /** Linked alerts whose taken-over accounts are in the scope. */
    alertIds: z.array(z.string()),
    takenOverAccounts: z.number().int(),
    paths: z.array(
      z.object({ integrationId: z.string(), integrationName: z.string(), vendorName: z.string() }),
    ),
  }),
  customers: z.number().int(),
  unknownCustomers: z.number().int(),
  byCategory: z.array(z.object({ key: z.string(), name: z.string(), customers: z.number().int() })),
  byJurisdiction: z.array(
    z.object({
      country: z.string().nullable(),
      region: z.string().nullable(),
      customers: z.number().int(),
    }),
  ),
  groups: z.array(jurisdictionGroup),
  /** SHA-256 of the gzipped, ordered list of affected customer refs. */
  setSha256: z.string(),
  /** Against the snapshot before it; null for the first. */
  change: z
    .object({
      previousId: z.string(),
      added: z.number().int(),
      removed: z.number().int(),
      customers: z.number().int(),
    })
    .nullable(),
  takenBy: z.string().nullable(),
  takenAt: z.string(),
  timelineSeq: z.number().int(),
});
export const scopeSnapshotList = z.object({ items: z.array(scopeSnapshot) });

export const exportQuery = z.strictObject({
  /** Privileged evidence (legal advice) is left out unless this says include. */
  privileged: z.enum(['include', 'exclude']).default('exclude'),
});

/** The post-incident review: what happened, why, and what to keep and to change. */
export const reviewInput = z.strictObject({
  summary: longText(20_000).default(''),
  rootCause: longText(20_000).default(''),
  wentWell: longText(20_000).default(''),
  toImprove: longText(20_000).default(''),
});
export const review = z.object({
  summary: z.string(),
  rootCause: z.string(),
  wentWell: z.string(),
  toImprove: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export type Incident = z.infer<typeof incident>;
export type Review = z.infer<typeof review>;
export type ScopeSnapshot = z.infer<typeof scopeSnapshot>;
export type Action = z.infer<typeof action>;
export type Evidence = z.infer<typeof evidence>;
export type CustodyEvent = z.infer<typeof custodyEvent>;
export type Playbook = z.infer<typeof playbook>;
export type Task = z.infer<typeof task>;
export type IncidentSummary = z.infer<typeof incidentSummary>;
export type TimelineEntry = z.infer<typeof timelineEntry>;
export type VendorNotice = z.infer<typeof vendorNotice>;
export type TriggerSetting = z.infer<typeof triggerSetting>;
