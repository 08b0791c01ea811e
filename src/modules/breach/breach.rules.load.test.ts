import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, loadRuleBook, RuleFileInvalid } from './breach.rules.load.js';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'cordon-rules-'));
const builtin = (name: string) => readFileSync(path.join(BUILTIN_RULES_DIR, name), 'utf8');

function refused(dirs: string[]): RuleFileInvalid {
  try {
    loadRuleBook(dirs);
  } catch (error) {
    if (error instanceof RuleFileInvalid) return error;
    throw error;
  }
  throw new Error('the rule book was accepted');
}

describe('loading breach rules', () => {
  it('names the file and the field of a rule that fails its schema', () => {
    const dir = fresh();
    const file = path.join(dir, 'xx.yaml');
    writeFileSync(
      file,
      builtin('us-wa.residents.yaml').replace('kind: calendar_days', 'kind: fortnights'),
    );
    const error = refused([BUILTIN_RULES_DIR, dir]);
    expect(error.file).toBe(file);
    expect(error.message).toContain('versions.0.deadline');
  });

  it('names the line of a YAML syntax error', () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'broken.yaml'), 'id: x\njurisdiction: [unclosed\n');
    const error = refused([dir]);
    expect(error.file).toContain('broken.yaml');
    expect(error.problems[0]).toMatch(/line|flow/i);
  });

  it('refuses a reference to a rule or calendar that does not exist', () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'ag.yaml'), builtin('us-ca.attorney-general.yaml'));
    const alone = refused([dir]);
    expect(alone.problems.join(' ')).toContain('no rule us-ca.residents');
    const brazil = fresh();
    writeFileSync(path.join(brazil, 'anpd.yaml'), builtin('br-lgpd.anpd.yaml'));
    expect(refused([brazil]).problems.join(' ')).toContain('no calendar BR');
  });

  it('lets a shop directory replace a built-in rule and add a calendar', () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'wa.yaml'),
      builtin('us-wa.residents.yaml').replace('amount: 30', 'amount: 20'),
    );
    mkdirSync(path.join(dir, 'calendars'));
    writeFileSync(
      path.join(dir, 'calendars', 'ie.yaml'),
      'id: IE\nname: Ireland\ntimezone: Europe/Dublin\npublicHolidays: { country: IE }\n',
    );
    const book = loadRuleBook([BUILTIN_RULES_DIR, dir]);
    const wa = book.byId.get('us-wa.residents')!;
    expect(wa.versions[0]!.deadline).toMatchObject({ kind: 'calendar_days', amount: 20 });
    expect(book.fileOf.get('us-wa.residents')).toBe(path.join(dir, 'wa.yaml'));
    expect(book.calendars.get('IE')?.timezone).toBe('Europe/Dublin');
  });

  it('refuses a calendar in an unknown time zone', () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'calendars'));
    writeFileSync(
      path.join(dir, 'calendars', 'x.yaml'),
      'id: X\nname: X\ntimezone: Mars/Olympus\n',
    );
    expect(refused([dir]).problems[0]).toContain('Mars/Olympus');
  });
});
