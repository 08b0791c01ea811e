import type { BreachRule, BreachRuleVersion, RuleTrigger } from '../../contracts/breach-rules.js';
import type {
  Decision,
  EncryptionFact,
  Obligation,
  ObligationReport,
  ObligationStatus,
} from '../../contracts/breach.js';
import type { ScopeSnapshot } from '../../contracts/incidents.js';
import type { BusinessCalendar } from '../../lib/business-calendar.js';
import { deadlineFrom, pausedDeadline, type Pause } from './breach.clock.js';
import {
  coverageOf,
  type CategoryInfo,
  type Coverage,
  type Covered,
  type ScopeGroup,
} from './breach.coverage.js';
import { versionOn, type RuleBook } from './breach.rules.load.js';

/** Everything the obligations follow from; all of it recorded, none of it "now". */
export interface BreachFacts {
  snapshot: Pick<ScopeSnapshot, 'id' | 'takenAt' | 'customers' | 'groups'> | null;
  /** The incident's trigger times in force (ISO instants), by the rules' names. */
  triggers: Partial<Record<RuleTrigger, string>>;
  catalogue: ReadonlyMap<string, CategoryInfo>;
  encryption: ReadonlyMap<string, EncryptionFact['state']>;
  /** Decisions in force (not withdrawn), oldest first. */
  decisions: readonly Decision[];
}

type Considered = Obligation['considered'][number];
const numberFormat = new Intl.NumberFormat('en-US');
const n = (value: number) => numberFormat.format(value);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string) => regionNames.of(code) ?? code;
/** Rule texts are written as phrases; a reason quotes one inside its own sentence. */
const sentence = (text: string) => text.replace(/[.;\s]+$/, '');

/**
 * Who must be told, by when and why, for one incident. Pure: the same facts give the same
 * obligations, and `now` only decides whether one is late. Duties that follow another duty
 * (an AG copy after the residents' notices) are worked out after the duties they follow.
 */
export function computeObligations(
  book: RuleBook,
  calendars: ReadonlyMap<string, BusinessCalendar>,
  facts: BreachFacts,
  now: Date,
): Omit<ObligationReport, 'incidentId'> {
  const groups = facts.snapshot?.groups ?? [];
  const decided = latestDecisions(facts.decisions);
  const firstTrigger = Object.values(facts.triggers).sort()[0];
  const byRule = new Map<string, Obligation[]>();
  const ordered = [
    ...book.rules.filter((rule) => rule.versions.every((v) => !('afterDuty' in v.starts))),
    ...book.rules.filter((rule) => rule.versions.some((v) => 'afterDuty' in v.starts)),
  ];

  for (const rule of ordered) {
    const startTrigger = triggerOf(rule, book);
    const startAt = (startTrigger && facts.triggers[startTrigger]) ?? firstTrigger;
    const day = (startAt ?? now.toISOString()).slice(0, 10);
    const version = versionOn(rule, day);
    if (!version) {
      byRule.set(rule.id, [notInForce(rule, day)]);
      continue;
    }
    const covered = resolveCovered(version, book, day);
    const coverage = coverageOf(
      rule,
      covered,
      version.safeHarbour !== undefined,
      groups,
      facts.catalogue,
      facts.encryption,
    );
    const units: { country: string | null; affected: number }[] = rule.perCountry
      ? [...coverage.byCountry.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([country, affected]) => ({ country, affected }))
      : [{ country: null, affected: coverage.affected }];
    if (units.length === 0) units.push({ country: null, affected: 0 });
    byRule.set(
      rule.id,
      units.map((unit) =>
        obligationOf({
          rule,
          version,
          covered,
          coverage,
          unit,
          facts,
          decided,
          calendars,
          byRule,
          now,
        }),
      ),
    );
  }

  const unknown = groups
    .filter((group) => !group.known || group.country === null)
    .reduce((sum, group) => sum + group.customers, 0);
  return {
    snapshot: facts.snapshot
      ? {
          id: facts.snapshot.id,
          takenAt: facts.snapshot.takenAt,
          customers: facts.snapshot.customers,
        }
      : null,
    computedAt: now.toISOString(),
    obligations: [...byRule.values()].flat().sort(byUrgency),
    unknownJurisdiction:
      unknown > 0
        ? {
            customers: unknown,
            warning: `${n(unknown)} affected customers have no known jurisdiction, so no national or state law can be matched to them. Find where they live (the customer directory) or notify them under the strictest law that may apply.`,
          }
        : null,
    warnings: facts.snapshot
      ? []
      : [
          'No scope snapshot yet: take one to count who is affected. Until then only duties that follow the shop itself are worked out.',
        ],
  };
}

interface UnitInput {
  rule: BreachRule;
  version: BreachRuleVersion;
  covered: Covered;
  coverage: Coverage;
  unit: { country: string | null; affected: number };
  facts: BreachFacts;
  decided: ReadonlyMap<string, Decision>;
  calendars: ReadonlyMap<string, BusinessCalendar>;
  byRule: ReadonlyMap<string, Obligation[]>;
  now: Date;
}

function obligationOf(input: UnitInput): Obligation {
  const { rule, version, covered, coverage, unit, decided } = input;
  const key = unit.country && rule.perCountry ? `${rule.id}:${unit.country}` : rule.id;
  const decision = (kind: Decision['kind']) => decided.get(`${key}|${kind}`);
  const considered: Considered[] = [
    {
      kind: 'version',
      outcome: `in force from ${version.effective}`,
      text: version.citation.text ?? version.citation.statute,
      citation: version.citation.statute,
    },
  ];
  const reasons: string[] = [];
  const place = rule.jurisdiction.everyone ? 'people' : `${rule.jurisdiction.name} residents`;
  let status: ObligationStatus = 'due';

  // 1. Coverage: whose covered data was exposed.
  const coveredCitation = 'always' in covered ? null : (covered.citation ?? null);
  if (unit.affected === 0 && !('always' in covered && rule.jurisdiction.everyone)) {
    status = 'not_required';
    reasons.push(
      coverage.residents === 0
        ? `Not required: no ${place} are in the scope.`
        : `Not required: none of the ${n(coverage.residents)} ${place} in the scope had covered data exposed (${sentence(covered.text)}${coveredCitation ? `; ${coveredCitation}` : ''}).`,
    );
  } else {
    const exposures = new Map<string, number>();
    for (const [country, here] of coverage.exposures)
      if (!rule.perCountry || country === unit.country)
        for (const [words, count] of here)
          exposures.set(words, (exposures.get(words) ?? 0) + count);
    const what = [...exposures.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([words, count]) => `${words} (${n(count)})`)
      .join('; ');
    reasons.push(
      'always' in covered && rule.jurisdiction.everyone
        ? `Applies to the incident itself: ${sentence(covered.text)}.`
        : `${n(unit.affected)} ${unit.country && rule.perCountry ? `residents of ${countryName(unit.country)}` : place} had ${what || 'data'} exposed, and the law covers ${sentence(covered.text)}${coveredCitation ? ` (${coveredCitation})` : ''}.`,
    );
  }
  considered.push({
    kind: 'coverage',
    outcome: `${n(unit.affected)} covered`,
    text: covered.text,
    citation: coveredCitation,
  });

  // 2. The encryption safe harbour, when the rule has one.
  if (version.safeHarbour) {
    considered.push({
      kind: 'safe_harbour',
      outcome: coverage.sheltered > 0 ? `${n(coverage.sheltered)} sheltered` : 'not claimed',
      text:
        coverage.sheltered > 0
          ? `${n(coverage.sheltered)} ${place} are not counted: their covered data was encrypted and the key was not compromised. ${version.safeHarbour.text}.`
          : `${version.safeHarbour.text}. Record the encryption state of a category to claim it.`,
      citation: version.safeHarbour.citation ?? null,
    });
  }

  // 3. The threshold (AG and bureau notices).
  if (version.threshold && status === 'due') {
    const t = version.threshold;
    const met = t.moreThan !== undefined ? unit.affected > t.moreThan : unit.affected >= t.atLeast!;
    const bound =
      t.moreThan !== undefined ? `more than ${n(t.moreThan)}` : `at least ${n(t.atLeast!)}`;
    considered.push({
      kind: 'threshold',
      outcome: met ? 'met' : 'not met',
      text: `${n(unit.affected)} against ${bound}: ${t.text}`,
      citation: t.citation ?? null,
    });
    if (met)
      reasons.push(
        `The threshold is crossed: ${n(unit.affected)} is ${bound} (${t.citation ?? t.text}).`,
      );
    else {
      status = 'not_required';
      reasons.push(`Not required: ${n(unit.affected)} is not ${bound} (${t.citation ?? t.text}).`);
    }
  }

  // 4. Decisions people recorded: not applicable, the risk assessment.
  const notApplicable = decision('not_applicable');
  const assessment = decision('risk_assessment');
  if (status === 'due' && notApplicable) {
    status = 'exempt';
    reasons.push(
      `Marked not applicable on ${notApplicable.decidedAt.slice(0, 10)}: ${notApplicable.justification}`,
    );
    considered.push(decidedBy(notApplicable, 'not applicable'));
  }
  if (version.harm) {
    const conclusion = assessment?.details['conclusion'] as 'likely' | 'unlikely' | undefined;
    considered.push({
      kind: 'harm',
      outcome: conclusion
        ? `assessed ${conclusion}`
        : version.harm.test === 'presumed'
          ? 'presumed'
          : 'not assessed',
      text: version.harm.text,
      citation: version.harm.citation ?? null,
    });
    if (status === 'due') {
      if (conclusion === 'unlikely') {
        status = 'exempt';
        reasons.push(
          `Exempt: a documented assessment found the risk unlikely (${version.harm.citation ?? 'harm test'}): ${assessment!.justification}`,
        );
      } else if (conclusion === 'likely') {
        reasons.push(`A documented assessment found the risk likely: ${assessment!.justification}`);
      } else if (version.harm.test === 'if_assessed') {
        status = 'assessment_needed';
        reasons.push(
          `Owed only if a documented assessment finds the risk the law names: ${sentence(version.harm.text)}${version.harm.citation ? ` (${version.harm.citation})` : ''}. Record the assessment.`,
        );
      }
    }
    if (assessment) considered.push(decidedBy(assessment, `assessed ${conclusion}`));
  }

  // 5. The clock: its start, its deadline, any pause; then whether it was met. A duty that is
  // not owed has no clock.
  const owed = status !== 'not_required' && status !== 'exempt';
  const starts = startOf(input);
  const base =
    owed && starts.at ? deadlineFrom(new Date(starts.at), version.deadline, input.calendars) : null;
  const pauses = version.lawEnforcementDelay ? pausesOf(decision('law_enforcement_delay')) : [];
  const held = pausedDeadline(base, pauses);
  if (version.lawEnforcementDelay)
    considered.push({
      kind: 'law_enforcement_delay',
      outcome: held.ongoing ? 'in force' : held.pausedMs > 0 ? 'applied' : 'available',
      text: version.lawEnforcementDelay.text,
      citation: version.lawEnforcementDelay.citation ?? null,
    });
  const notice = decision('notice_given');
  const doneAt = notice ? String(notice.details['at']) : null;
  if (status === 'due') {
    if (doneAt) status = 'done';
    else if (held.ongoing) status = 'paused';
    else if (!starts.at && version.deadline.kind !== 'no_fixed_time')
      status = 'waiting_for_trigger';
  }
  if (status !== 'not_required' && !reasons[0]!.startsWith('Applies'))
    reasons[0] = `Applies because ${reasons[0]}`;
  if (owed && starts.at) reasons.push(clockSentence(version, starts, held.due));
  else if (status === 'waiting_for_trigger')
    reasons.push(
      `The clock starts when the incident records '${starts.trigger ?? starts.afterDuty}', which it does not yet: ${version.deadline.text}.`,
    );
  const late =
    held.due !== null &&
    (status === 'due' || status === 'done') &&
    (doneAt ? new Date(doneAt) > held.due : input.now > held.due);

  return {
    key,
    ruleId: rule.id,
    version: version.effective,
    jurisdiction: { code: rule.jurisdiction.code, name: rule.jurisdiction.name },
    country: rule.perCountry ? unit.country : null,
    duty: rule.duty,
    recipient: rule.recipient,
    recipientName:
      rule.perCountry && unit.country ? (rule.perCountry.authorities[unit.country] ?? null) : null,
    status,
    affected: unit.affected,
    citation: { statute: version.citation.statute, url: version.citation.url },
    starts,
    deadline: {
      kind: version.deadline.kind,
      amount: 'amount' in version.deadline ? version.deadline.amount : null,
      calendar: version.deadline.kind === 'business_days' ? version.deadline.calendar : null,
      text: version.deadline.text,
    },
    due: held.due?.toISOString() ?? null,
    pausedHours: Math.round(held.pausedMs / 36_000) / 100,
    late,
    doneAt,
    reasons,
    considered,
    lawEnforcementDelayAllowed: version.lawEnforcementDelay !== undefined,
    content: version.content.map((item) => ({
      id: item.id,
      label: item.label,
      heading: item.heading,
      when: item.when ?? null,
      citation: item.citation ?? null,
    })),
    verified: {
      status: version.verified.status,
      on: version.verified.on,
      note: version.verified.note ?? null,
    },
  };
}

/** The rule's own trigger, or that of the duty it follows (for choosing the version). */
function triggerOf(rule: BreachRule, book: RuleBook): RuleTrigger | null {
  const starts = rule.versions[rule.versions.length - 1]!.starts;
  if ('trigger' in starts) return starts.trigger;
  const target = book.byId.get(starts.afterDuty);
  const targetStarts = target?.versions[target.versions.length - 1]!.starts;
  return targetStarts && 'trigger' in targetStarts ? targetStarts.trigger : null;
}

function resolveCovered(version: BreachRuleVersion, book: RuleBook, day: string): Covered {
  if (!('sameAs' in version.covered)) return version.covered;
  const target = book.byId.get(version.covered.sameAs)!;
  // The loader made sure the target has its own coverage; take the version of the same day.
  const targetVersion = versionOn(target, day) ?? target.versions[0]!;
  return targetVersion.covered as Covered;
}

function startOf(input: UnitInput): Obligation['starts'] {
  const { version, facts, byRule } = input;
  if ('trigger' in version.starts)
    return {
      trigger: version.starts.trigger,
      afterDuty: null,
      at: facts.triggers[version.starts.trigger] ?? null,
      projected: false,
    };
  // After another duty: from when it was done, else (projected) from when it is due.
  const after = version.starts.afterDuty;
  const others = (byRule.get(after) ?? []).filter(
    (o) => o.status !== 'not_required' && o.status !== 'exempt',
  );
  const done = others
    .map((o) => o.doneAt)
    .filter((at): at is string => at !== null)
    .sort();
  if (others.length > 0 && done.length === others.length)
    return { trigger: null, afterDuty: after, at: done[done.length - 1]!, projected: false };
  const due = others
    .map((o) => o.due)
    .filter((at): at is string => at !== null)
    .sort();
  return {
    trigger: null,
    afterDuty: after,
    at: due[due.length - 1] ?? null,
    projected: due.length > 0,
  };
}

function clockSentence(
  version: BreachRuleVersion,
  starts: Obligation['starts'],
  due: Date | null,
): string {
  const from = starts.afterDuty
    ? `${starts.projected ? 'the projected deadline of' : 'the completion of'} ${starts.afterDuty} (${starts.at})`
    : `'${starts.trigger}' (${starts.at})`;
  return due
    ? `Due ${due.toISOString()}: ${version.deadline.text}, counted from ${from} (${version.citation.statute}).`
    : `No fixed deadline: ${version.deadline.text}, from ${from} (${version.citation.statute}).`;
}

function pausesOf(delay: Decision | undefined): Pause[] {
  if (!delay) return [];
  const { from, until } = delay.details as { from: string; until: string | null };
  return [{ from: new Date(from), until: until ? new Date(until) : null }];
}

function decidedBy(decision: Decision, outcome: string): Considered {
  return {
    kind: 'decision',
    outcome,
    text: `${decision.kind.replaceAll('_', ' ')} recorded ${decision.decidedAt}: ${decision.justification}`,
    citation: null,
  };
}

/** The decision in force per obligation and kind: the latest one recorded. */
function latestDecisions(decisions: readonly Decision[]): Map<string, Decision> {
  const latest = new Map<string, Decision>();
  for (const decision of decisions) {
    if (decision.withdrawnAt) continue;
    const key = `${decision.obligationKey}|${decision.kind}`;
    const current = latest.get(key);
    if (!current || current.decidedAt <= decision.decidedAt) latest.set(key, decision);
  }
  return latest;
}

function notInForce(rule: BreachRule, day: string): Obligation {
  const first = [...rule.versions].sort((a, b) => a.effective.localeCompare(b.effective))[0]!;
  return {
    key: rule.id,
    ruleId: rule.id,
    version: null,
    jurisdiction: { code: rule.jurisdiction.code, name: rule.jurisdiction.name },
    country: null,
    duty: rule.duty,
    recipient: rule.recipient,
    recipientName: null,
    status: 'not_required',
    affected: 0,
    citation: null,
    starts: { trigger: null, afterDuty: null, at: null, projected: false },
    deadline: { kind: 'no_fixed_time', amount: null, calendar: null, text: first.deadline.text },
    due: null,
    pausedHours: 0,
    late: false,
    doneAt: null,
    reasons: [`Not in force on ${day}: the first version took effect on ${first.effective}.`],
    considered: [],
    lawEnforcementDelayAllowed: false,
    content: [],
    verified: null,
  };
}

const STATUS_ORDER: readonly ObligationStatus[] = [
  'due',
  'paused',
  'waiting_for_trigger',
  'assessment_needed',
  'done',
  'exempt',
  'not_required',
];

/** Owed first, soonest due first; then what needs a person; then the rest. */
function byUrgency(a: Obligation, b: Obligation): number {
  const status = STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
  if (status !== 0) return status;
  if (a.due && b.due && a.due !== b.due) return a.due < b.due ? -1 : 1;
  if (a.due !== b.due) return a.due ? -1 : 1;
  return b.affected - a.affected || a.key.localeCompare(b.key);
}

/**
 * Whether one person is among those an obligation counted, by the same coverage test over a
 * group of one: a campaign's letters go to exactly the people the obligation's count is of.
 * Groups repeat (same place, same categories), so answers are kept by group.
 */
export function memberTest(
  book: RuleBook,
  facts: Pick<BreachFacts, 'catalogue' | 'encryption'>,
  obligation: Pick<Obligation, 'ruleId' | 'version' | 'country' | 'starts'>,
): (member: Omit<ScopeGroup, 'customers'>) => boolean {
  const rule = book.byId.get(obligation.ruleId);
  const version = rule?.versions.find((v) => v.effective === obligation.version);
  if (!rule || !version) return () => false;
  const day = obligation.starts.at?.slice(0, 10) ?? version.effective;
  const covered = resolveCovered(version, book, day);
  const answers = new Map<string, boolean>();
  return (member) => {
    if (rule.perCountry && obligation.country !== null && member.country !== obligation.country)
      return false;
    const key = `${member.country}/${member.region}/${member.known}/${member.via}/${member.categories.join(',')}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      const group = { ...member, customers: 1 };
      const coverage = coverageOf(
        rule,
        covered,
        version.safeHarbour !== undefined,
        [group],
        facts.catalogue,
        facts.encryption,
      );
      answer = coverage.affected === 1;
      answers.set(key, answer);
    }
    return answer;
  };
}
