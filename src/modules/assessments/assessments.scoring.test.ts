import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateDefinition, type TemplateDefinition } from '../../contracts/questionnaires.js';
import { BUILT_IN_TEMPLATES, suggestedLevel } from './assessments.library.js';
import { checkAnswer, evaluate, questionsOf, visibleQuestions } from './assessments.scoring.js';

const definition: TemplateDefinition = templateDefinition.parse({
  name: 'Test',
  sections: [
    {
      key: 'access',
      title: 'Access',
      questions: [
        {
          key: 'mfa',
          text: 'MFA on admin access?',
          type: 'yes_no_na',
          weight: 3,
          expected: { kind: 'one_of', values: ['yes'] },
          finding: { title: 'No MFA on admin access', severity: 'high' },
        },
        {
          key: 'patch_days',
          text: 'Critical patch days?',
          type: 'number',
          expected: { kind: 'at_most', value: 30 },
          finding: { title: 'Critical patches take more than 30 days', severity: 'high' },
        },
        {
          key: 'certs',
          text: 'Certifications?',
          type: 'multi_choice',
          required: false,
          weight: 0,
          options: [
            { key: 'soc2', label: 'SOC 2' },
            { key: 'iso', label: 'ISO 27001' },
          ],
        },
        {
          key: 'soc2_until',
          text: 'SOC 2 valid until?',
          type: 'date',
          showIf: { question: 'certs', anyOf: ['soc2'] },
          expected: { kind: 'not_past' },
          finding: { title: 'SOC 2 report expired', severity: 'high' },
        },
        {
          key: 'soc2_report',
          text: 'SOC 2 report',
          type: 'file',
          required: false,
          showIf: { question: 'certs', anyOf: ['soc2'] },
          expected: { kind: 'provided' },
          finding: { title: 'SOC 2 report not provided', severity: 'medium' },
        },
      ],
    },
  ],
});
const judgedOn = { evidence: new Set<string>(), asOf: '2026-03-01' };

describe('questionnaire scoring', () => {
  it('shows a conditional question only when its condition is met', () => {
    expect(visibleQuestions(definition, {})).toEqual(new Set(['mfa', 'patch_days', 'certs']));
    expect(visibleQuestions(definition, { certs: ['soc2'] }).has('soc2_until')).toBe(true);
    expect(visibleQuestions(definition, { certs: ['iso'] }).has('soc2_until')).toBe(false);
  });

  it('weights the score and raises the finding of each shortfall', () => {
    const good = evaluate(definition, { mfa: 'yes', patch_days: 14 }, judgedOn);
    expect(good.score).toBe(100);
    expect(good.findings).toEqual([]);

    const weak = evaluate(definition, { mfa: 'no', patch_days: 45 }, judgedOn);
    expect(weak.score).toBe(0);
    expect(weak.findings.map((f) => f.title)).toEqual([
      'No MFA on admin access',
      'Critical patches take more than 30 days',
    ]);
    // MFA weighs 3, patching 1: meeting only patching scores a quarter.
    expect(evaluate(definition, { mfa: 'no', patch_days: 7 }, judgedOn).score).toBe(25);
  });

  it('leaves n/a out of the score and counts an unanswered question as short', () => {
    expect(evaluate(definition, { mfa: 'na', patch_days: 7 }, judgedOn).score).toBe(100);
    const blank = evaluate(definition, { patch_days: 7 }, judgedOn);
    expect(blank.score).toBe(25);
    expect(blank.missingRequired).toEqual(['mfa']);
    expect(blank.findings.map((f) => f.questionKey)).toEqual(['mfa']);
  });

  it('judges expiry dates on the given day, and files by their evidence', () => {
    const answers = { mfa: 'yes', patch_days: 1, certs: ['soc2'], soc2_until: '2026-02-28' };
    const expired = evaluate(definition, answers, judgedOn);
    expect(expired.findings.map((f) => f.title)).toEqual([
      'SOC 2 report expired',
      'SOC 2 report not provided',
    ]);
    const valid = evaluate(
      definition,
      { ...answers, soc2_until: '2026-03-01' },
      { evidence: new Set(['soc2_report']), asOf: '2026-03-01' },
    );
    expect(valid.findings).toEqual([]);
    expect(valid.score).toBe(100);
  });

  it('checks and normalises answers by type', () => {
    const byKey = new Map([...questionsOf(definition)].map((q) => [q.question.key, q.question]));
    expect(checkAnswer(byKey.get('mfa')!, 'maybe')).toEqual({
      ok: false,
      message: 'must be one of yes, no, na',
    });
    expect(checkAnswer(byKey.get('patch_days')!, '14')).toMatchObject({ ok: false });
    expect(checkAnswer(byKey.get('certs')!, ['soc2', 'soc2'])).toEqual({
      ok: true,
      value: ['soc2'],
    });
    expect(checkAnswer(byKey.get('soc2_until')!, '2026-02-30')).toMatchObject({ ok: false });
    expect(checkAnswer(byKey.get('soc2_report')!, 'x')).toMatchObject({ ok: false });
  });

  it('never throws on hostile answers', () => {
    const questions = [...questionsOf(definition)].map((q) => q.question);
    fc.assert(
      fc.property(fc.constantFrom(...questions), fc.jsonValue(), (question, value) => {
        const result = checkAnswer(question, value);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('question templates', () => {
  const parse = (sections: unknown) => templateDefinition.safeParse({ name: 'T', sections });
  const yesNo = (key: string, extra: object = {}) => ({
    key,
    text: key,
    type: 'yes_no_na',
    ...extra,
  });

  it('names the field of every inconsistency', () => {
    const result = parse([
      {
        key: 's',
        title: 'S',
        questions: [
          yesNo('a', { showIf: { question: 'b', anyOf: ['yes'] } }),
          yesNo('b'),
          yesNo('b'),
          yesNo('c', { expected: { kind: 'at_most', value: 3 } }),
          yesNo('d', { finding: { title: 'x', severity: 'low' } }),
          { key: 'e', text: 'e', type: 'single_choice', options: [{ key: 'only', label: 'One' }] },
        ],
      },
    ]);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([
      "sections.0.questions.0.showIf.question: 'b' is not an earlier question",
      "sections.0.questions.2.key: 'b' is used by another question",
      "sections.0.questions.3.expected.kind: 'at_most' does not fit a yes_no_na question",
      'sections.0.questions.4.finding: needs an expected answer to tell when the answer falls short',
      'sections.0.questions.5.options: needs at least two options',
    ]);
  });
});

describe('built-in templates', () => {
  const [lite, full] = BUILT_IN_TEMPLATES;
  const keys = (t: typeof lite) => [...questionsOf(t!.definition)].map((q) => q.question.key);

  it('covers every topic in full, and a subset in lite', () => {
    expect(full!.definition.sections.map((s) => s.key)).toEqual([
      'encryption',
      'network',
      'patching',
      'development',
      'access',
      'personnel',
      'policies',
      'certifications',
      'physical',
      'incident_response',
      'continuity',
      'retention',
      'subprocessors',
      'disclosure',
    ]);
    expect(keys(lite).every((key) => keys(full).includes(key))).toBe(true);
    expect(keys(lite).length).toBeLessThan(keys(full).length);
    expect(suggestedLevel('critical')).toBe('full');
    expect(suggestedLevel('low')).toBe('lite');
  });

  it('raises the findings a reviewer expects from weak answers', () => {
    const weak = {
      access_mfa_admin: 'no',
      patch_critical_days: 45,
      cert_held: ['soc2_type2'],
      cert_soc2_valid_until: '2025-12-31',
      ir_breach_notice: 'no',
    };
    const titles = evaluate(full!.definition, weak, {
      evidence: new Set(),
      asOf: '2026-03-01',
    }).findings.map((f) => f.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'No MFA on admin access',
        'Critical patches take more than 30 days',
        'SOC 2 report expired',
        'No breach-notice commitment',
      ]),
    );
  });
});
