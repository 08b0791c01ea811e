import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWallClock, isoToMs, printable, safeText } from './parse.types.js';

describe('printable', () => {
  it('escapes control characters and cuts long text', () => {
    expect(printable('a\u0000b\u001b[31m\u202e', 60)).toBe('a\\x00b\\x1b[31m\\u202e');
    expect(printable('x'.repeat(10), 4)).toBe('xxxx…');
    expect(printable('ab\ud83d\ude00', 3)).toBe('ab…');
  });
});

describe('safeText', () => {
  it('trims, cuts and drops empty text', () => {
    expect(safeText('  root  ', 320)).toBe('root');
    expect(safeText('   ', 320)).toBeUndefined();
    expect(safeText('abcdef', 3)).toBe('abc');
  });

  it('escapes what the contract refuses instead of losing the value', () => {
    expect(safeText('a\u0000b', 10)).toBe('a\\x00b');
    expect(safeText('\ud800x', 20)).toBe('\\ud800x');
    expect(safeText('e\u0301', 10)).toBe('\u00e9');
  });

  it('never returns a string longer than asked', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 50 }), (text, max) => {
        const safe = safeText(text, max);
        expect(safe === undefined || (safe.length <= max && safe.trim() === safe)).toBe(true);
      }),
    );
  });
});

describe('isoToMs', () => {
  it('reads RFC 3339 with any precision and offset', () => {
    expect(isoToMs('2026-03-10T02:00:00.123456+01:00')).toBe(Date.UTC(2026, 2, 10, 1, 0, 0, 123));
    expect(isoToMs('2026-03-10T02:00:00Z')).toBe(Date.UTC(2026, 2, 10, 2));
    expect(isoToMs('2026-03-10 02:00:00-0530')).toBe(Date.UTC(2026, 2, 10, 7, 30));
  });

  it('refuses days that do not exist and text that is not a time', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-03-10T24:00:00Z',
      'now',
    ])
      expect(isoToMs(text)).toBeUndefined();
  });
});

describe('createWallClock', () => {
  it('converts both ways across a daylight-saving change', () => {
    const berlin = createWallClock('Europe/Berlin');
    // 2026-03-29 01:00 UTC clocks in Berlin go from 02:00 to 03:00.
    expect(berlin.toUtc(Date.UTC(2026, 2, 29, 1, 30))).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(berlin.toUtc(Date.UTC(2026, 2, 29, 3, 30))).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(berlin.toWall(Date.UTC(2026, 6, 1, 10))).toBe(Date.UTC(2026, 6, 1, 12));
    expect(() => createWallClock('Mars/Olympus')).toThrow(RangeError);
  });
});
