import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  breachCalendar,
  breachRule,
  type BreachCalendar,
  type BreachRule,
  type BreachRuleVersion,
} from '../../contracts/breach-rules.js';
import { packageRoot } from '../../lib/package-root.js';

/** The rules shipped with Cordon; a shop's own directory may add to them or replace them. */
export const BUILTIN_RULES_DIR = path.join(packageRoot, 'rules', 'breach');

/** A rule or calendar file that cannot be used: the server refuses to start and names it. */
export class RuleFileInvalid extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`breach rule file ${file} is invalid: ${problems.join('; ')}`);
    this.name = 'RuleFileInvalid';
  }
}

export interface RuleBook {
  rules: BreachRule[];
  byId: ReadonlyMap<string, BreachRule>;
  calendars: ReadonlyMap<string, BreachCalendar>;
  /** Where each rule came from, for messages and the rules page. */
  fileOf: ReadonlyMap<string, string>;
}

/**
 * Reads every `*.yaml` rule in the directories (later ones replace earlier rules with the same
 * id, so a shop's directory can override a built-in) and every calendar under `calendars/`.
 * Everything is checked before anything is used: the schema, then references between files.
 */
export function loadRuleBook(dirs: readonly string[]): RuleBook {
  const byId = new Map<string, BreachRule>();
  const fileOf = new Map<string, string>();
  const calendars = new Map<string, BreachCalendar>();
  for (const dir of dirs) {
    for (const file of yamlFiles(dir)) {
      const rule = parseFile(file, breachRule);
      byId.set(rule.id, rule);
      fileOf.set(rule.id, file);
    }
    for (const file of yamlFiles(path.join(dir, 'calendars'))) {
      const calendar = parseFile(file, breachCalendar);
      calendars.set(calendar.id, calendar);
    }
  }
  for (const [id, rule] of byId) {
    const problems = referenceProblems(rule, byId, calendars);
    if (problems.length) throw new RuleFileInvalid(fileOf.get(id)!, problems);
  }
  for (const [, calendar] of calendars) {
    if (
      !Intl.supportedValuesOf('timeZone').includes(calendar.timezone) &&
      calendar.timezone !== 'UTC'
    )
      throw new RuleFileInvalid(`calendar ${calendar.id}`, [
        `timezone: ${calendar.timezone} is not an IANA time zone`,
      ]);
  }
  const rules = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { rules, byId, calendars, fileOf };
}

function yamlFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

function parseFile<T>(file: string, schema: z.ZodType<T>): T {
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length)
    throw new RuleFileInvalid(
      file,
      document.errors.map((error) => error.message.split('\n')[0]!),
    );
  const parsed = schema.safeParse(document.toJS({ maxAliasCount: 100 }));
  if (!parsed.success)
    throw new RuleFileInvalid(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`),
    );
  return parsed.data;
}

/** `sameAs` and `afterDuty` must name rules that exist, and business days a known calendar. */
function referenceProblems(
  rule: BreachRule,
  byId: ReadonlyMap<string, BreachRule>,
  calendars: ReadonlyMap<string, BreachCalendar>,
): string[] {
  const problems: string[] = [];
  rule.versions.forEach((version: BreachRuleVersion, i) => {
    const at = `versions.${i}`;
    if ('sameAs' in version.covered) {
      const target = byId.get(version.covered.sameAs);
      if (!target) problems.push(`${at}.covered.sameAs: no rule ${version.covered.sameAs}`);
      else if (target.versions.some((v) => 'sameAs' in v.covered))
        problems.push(
          `${at}.covered.sameAs: ${target.id} itself points elsewhere; name its source`,
        );
    }
    if ('afterDuty' in version.starts) {
      const target = byId.get(version.starts.afterDuty);
      if (!target) problems.push(`${at}.starts.afterDuty: no rule ${version.starts.afterDuty}`);
      else if (target.id === rule.id)
        problems.push(`${at}.starts.afterDuty: a duty cannot follow itself`);
      else if (target.versions.some((v) => 'afterDuty' in v.starts))
        problems.push(`${at}.starts.afterDuty: ${target.id} follows another duty itself`);
    }
    if (version.deadline.kind === 'business_days' && !calendars.has(version.deadline.calendar))
      problems.push(`${at}.deadline.calendar: no calendar ${version.deadline.calendar}`);
  });
  return problems;
}

/** The version in force on a day (YYYY-MM-DD): the latest to take effect on or before it. */
export function versionOn(rule: BreachRule, day: string): BreachRuleVersion | null {
  let chosen: BreachRuleVersion | null = null;
  for (const version of rule.versions)
    if (version.effective <= day && (!chosen || version.effective > chosen.effective))
      chosen = version;
  return chosen;
}
