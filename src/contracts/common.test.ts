import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { email, longText, text } from './common.js';

// eslint-disable-next-line no-control-regex
const refused = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

describe('text validators', () => {
  it('never accept NUL, control or bidi-override characters, and never throw', () => {
    const hostile = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(
      fc.property(hostile, (value) => {
        const result = text(200, 0).safeParse(value);
        if (result.success) {
          expect(result.data).not.toMatch(refused);
          expect(result.data.length).toBeLessThanOrEqual(200);
          expect(result.data).toBe(result.data.normalize('NFC'));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accept ordinary text in any script, normalized', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (value) => {
        const trimmed = value.normalize('NFC').trim();
        fc.pre(trimmed.length > 0 && !refused.test(value));
        expect(text(200).parse(value)).toBe(trimmed);
      }),
      { numRuns: 1000 },
    );
  });

  it('multi-line text keeps newlines and tabs but not other controls', () => {
    expect(longText().parse('line one\n\tline two')).toBe('line one\n\tline two');
    expect(longText().safeParse('bell\u0007').success).toBe(false);
    expect(text().safeParse('two\nlines').success).toBe(false);
  });

  it('emails are trimmed and lower-cased', () => {
    expect(email.parse('  Ada@Shop.Example ')).toBe('ada@shop.example');
    expect(email.safeParse('ada@').success).toBe(false);
  });
});
