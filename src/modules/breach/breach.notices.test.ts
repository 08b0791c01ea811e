import { describe, expect, it } from 'vitest';
import {
  draftSections,
  missingContent,
  renderNotice,
  sampleContext,
  templateProblems,
} from './breach.notices.js';

const california = [
  { id: 'title', label: 'Notice of Data Breach', heading: true, when: null, citation: '(d)(1)' },
  { id: 'what_happened', label: 'What Happened', heading: true, when: null, citation: '(d)(1)' },
  { id: 'business_contact', label: 'Contact', heading: false, when: null, citation: '(d)(2)(A)' },
  { id: 'delay_reasons', label: 'Reasons for delay', heading: false, when: 'late', citation: null },
];

describe('notice templates', () => {
  it('names the field of a syntax error and of a variable that does not exist', () => {
    const problems = templateProblems('Hello {{recipient.name}}', [
      { covers: null, heading: 'x', body: '{{#if shop.name}} unclosed' },
      { covers: null, heading: '{{customer.name}}', body: 'ok {{shop.name}}' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['sections.0.body', 'sections.1.heading']);
    expect(problems[0]!.message).toContain('Parse error');
    expect(problems[1]!.message).toContain('"customer.name"');
    expect(templateProblems('{{lookup shop "name"}}', [])[0]!.message).toContain('lookup');
  });

  it('refuses a notice missing a required heading or element, and asks more of a late one', () => {
    const draft = draftSections(california);
    expect(draft.map((s) => s.heading)).toEqual(['What Happened', '', '']);
    // The draft says nothing yet: everything is missing but the title in the subject.
    expect(
      missingContent('Notice of Data Breach', draft, california, false).map((m) => m.id),
    ).toEqual(['what_happened', 'business_contact']);
    const written = draft.map((s) => ({ ...s, body: 'Some words.' }));
    expect(missingContent('Notice of Data Breach', written, california, false)).toEqual([]);
    // A heading must be word for word.
    const renamed = written.map((s, i) => (i === 0 ? { ...s, heading: 'What happened' } : s));
    expect(
      missingContent('Notice of Data Breach', renamed, california, false).map((m) => m.id),
    ).toEqual(['what_happened']);
    expect(missingContent('Breach notice', written, california, false).map((m) => m.id)).toEqual([
      'title',
    ]);
    const late = written.filter((s) => s.covers !== 'delay_reasons');
    expect(
      missingContent('Notice of Data Breach', late, california, true).map((m) => m.id),
    ).toEqual(['delay_reasons']);
  });

  it('renders text and escaped HTML from the same words', () => {
    const context = { ...sampleContext(), recipient: { name: '<script>x</script>', email: 'a@b' } };
    const notice = renderNotice(
      'Dear {{recipient.name}}',
      [
        {
          covers: 'what_happened',
          heading: 'What Happened',
          body: 'A <b>vendor</b> was breached.\n\nSecond.',
        },
      ],
      context,
    );
    expect(notice.text).toBe('What Happened\n\nA <b>vendor</b> was breached.\n\nSecond.\n');
    expect(notice.html).toContain(
      '<h1 style="font-size: 20px">Dear &lt;script&gt;x&lt;/script&gt;</h1>',
    );
    expect(notice.html).toContain('<p>A &lt;b&gt;vendor&lt;/b&gt; was breached.</p><p>Second.</p>');
    expect(notice.html).not.toContain('<script>');
  });
});
