import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from './datamap.csv.js';

describe('csvLine', () => {
  it('round-trips any text through a CSV parser (formula prefixes aside)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (values) => {
        const [row] = parse(csvLine(values));
        const expected = values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v));
        expect(row).toEqual(expected);
      }),
    );
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvLine(['=HYPERLINK("http://evil")', '+1', 'Ada'])).toBe(
      `"'=HYPERLINK(""http://evil"")",'+1,Ada\r\n`,
    );
    expect(csvLine([-5, null])).toBe('-5,\r\n');
  });
});
