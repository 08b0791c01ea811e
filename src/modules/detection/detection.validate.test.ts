import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLine, loginEventLine as loginLine } from '../../contracts/detection.js';
import { plainLoginLine, storedInstantMs, validateEventLine } from './detection.validate.js';

/** Texts with what Zod's text checks care about: controls, spaces, Unicode, lengths. */
const tricky = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', ' ', ' x', 'x ', 'a\u0000b', 'tab\there', 'e\u0301', '\u202eevil', '\ud800'),
  fc.string({ minLength: 300, maxLength: 1100 }),
);
const instant = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-02-29T00:00:00.000Z',
    '2024-02-29T12:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-03-10T24:00:00.000Z',
    '2026-03-10T02:00:60.000Z',
    '2026-03-10T02:00:00Z',
    '2026-03-10T02:00:00.000+01:00',
    '1969-12-31T23:59:59.999Z',
  ),
);
const word = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/);
/** A login line as a parser makes it. */
const plainLine = fc.record(
  {
    type: fc.constant('login'),
    id: word,
    at: instant,
    stream: fc.constantFrom('web', 'sshd'),
    account: word,
    ip: fc.oneof(fc.ipV4(), fc.ipV6()),
    user_agent: word,
    outcome: fc.constantFrom('success', 'bad_password', 'unknown_account', 'mfa_failure', 'locked'),
    country: fc.constantFrom('DE', 'US'),
    asn: fc.nat(),
  },
  { requiredKeys: ['type', 'at', 'ip', 'outcome'] },
);
/** Any field of a login line, or one it does not have. */
const field = fc.constantFrom(...loginLine.keyof().options, 'extra');
const oddValue = fc.oneof(
  tricky,
  fc.constantFrom(
    'Login',
    'http',
    'api',
    'ok',
    'de',
    'DEU',
    null,
    undefined,
    4_294_967_296,
    -1,
    1.5,
  ),
  fc.integer(),
);
/** Plain lines with up to two fields made odd (or an unknown field added). */
const loginish = fc
  .tuple(plainLine, fc.array(fc.tuple(field, oddValue), { maxLength: 2 }))
  .map(([line, changes]) => {
    const changed: Record<string, unknown> = { ...line };
    for (const [name, value] of changes) changed[name] = value;
    return changed;
  });

describe('event line validation', () => {
  it('checks by hand only lines Zod accepts, and returns what Zod returns', () => {
    let taken = 0;
    fc.assert(
      fc.property(loginish, (line) => {
        const fast = plainLoginLine(line);
        if (fast === undefined) return;
        taken++;
        const zod = eventLine.safeParse(line);
        expect(zod.success).toBe(true);
        expect(fast).toEqual(zod.data);
      }),
      { numRuns: 5000 },
    );
    // The hand check must actually carry the common case, or it only costs time.
    expect(taken).toBeGreaterThan(100);
  });

  it('takes the login lines the log parsers make', () => {
    const line = {
      type: 'login',
      stream: 'sshd',
      at: '2026-03-27T13:08:09.000Z',
      ip: '85.245.107.41',
      outcome: 'success',
      account: 'ubuntu',
      id: '16b5a2f85f64b49a66e618eb60584246:0',
    };
    expect(plainLoginLine(line)).toEqual(eventLine.parse(line));
    expect(validateEventLine({ ...line, outcome: 'ok' })).toEqual({
      field: 'outcome',
      message: expect.any(String),
    });
  });

  it('reads stored instants as Date.parse does, and nothing else', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const ms = storedInstantMs(at);
        const stored = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at);
        if (!Number.isNaN(ms)) expect(ms).toBe(Date.parse(at));
        else if (stored && at >= '1970') {
          const parsed = Date.parse(at);
          if (!Number.isNaN(parsed)) expect(new Date(parsed).toISOString()).not.toBe(at);
        }
      }),
      { numRuns: 2000 },
    );
    expect(storedInstantMs('2026-02-29T00:00:00.000Z')).toBeNaN();
    expect(storedInstantMs('2024-02-29T00:00:00.000Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });
});
