import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreVector } from '../../lib/cvss.js';
import { severityOf } from './exposure.severity.js';

const ADVISORIES = fileURLToPath(new URL('../../../../shared/data/advisories/', import.meta.url));

interface SharedRecord {
  id: string;
  severity?: { type: string; score: string }[];
  database_specific?: { severity?: string };
}
function sharedRecords(file: string): SharedRecord[] {
  return gunzipSync(readFileSync(`${ADVISORIES}${file}`))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SharedRecord);
}

const V31_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V40_CRITICAL = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const V2_HIGH = 'AV:N/AC:L/Au:N/C:P/I:P/A:P';

describe('CVSS base scores (published by FIRST and NVD)', () => {
  it.each([
    [V31_CRITICAL, 9.8, 'critical', 'CVSS 3.1 base score'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical', 'CVSS 3.0 base score'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium', 'CVSS 3.1 base score'],
    ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 2.4, 'low', 'CVSS 3.1 base score'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'none', 'CVSS 3.1 base score'],
    [V40_CRITICAL, 9.3, 'critical', 'CVSS 4.0 base score'],
    [
      'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      8.5,
      'high',
      'CVSS 4.0 base score',
    ],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
      10,
      'critical',
      'CVSS 4.0 base score',
    ],
    [V2_HIGH, 7.5, 'high', 'CVSS 2.0 base score'],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3, 'medium', 'CVSS 2.0 base score'],
    ['AV:L/AC:L/Au:N/C:P/I:N/A:N', 2.1, 'low', 'CVSS 2.0 base score'],
    ['AV:L/AC:L/Au:N/C:N/I:N/A:N', 0, 'low', 'CVSS 2.0 base score'],
  ])('%s scores %d (%s)', (vector, score, rating, source) => {
    expect(severityOf({ vectors: [vector] })).toEqual({ score, rating, vector, source });
  });

  it('scores the base metrics only, ignoring threat, temporal and environmental metrics', () => {
    expect(scoreVector(`${V31_CRITICAL}/E:U/RL:O/RC:R`)?.score).toBe(9.8);
    expect(scoreVector(`${V40_CRITICAL}/E:U`)?.score).toBe(9.3);
    expect(scoreVector(`${V2_HIGH}/E:U/RL:OF/RC:UC`)?.score).toBe(7.5);
  });

  it('accepts metrics in any order, and a CVSS:2.0 prefix on a v2 vector', () => {
    expect(scoreVector('CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N')?.score).toBe(9.8);
    expect(scoreVector(`CVSS:2.0/${V2_HIGH}`)).toMatchObject({ version: '2.0', score: 7.5 });
  });
});

describe('choosing among vectors', () => {
  it('takes the newest CVSS version available', () => {
    expect(severityOf({ vectors: [V2_HIGH, V31_CRITICAL, V40_CRITICAL] }).source).toBe(
      'CVSS 4.0 base score',
    );
    expect(
      severityOf({ vectors: [V2_HIGH, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'] }).source,
    ).toBe('CVSS 3.0 base score');
  });

  it('takes the first valid vector of that version', () => {
    const medium = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N';
    expect(severityOf({ vectors: [medium, V31_CRITICAL] }).score).toBe(6.1);
  });

  it.each([
    ['a repeated metric', `${V31_CRITICAL}/A:L`],
    ['a missing base metric', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'],
    ['an undefined base metric', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X'],
    ['an unknown value', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    ['an unknown metric', `${V31_CRITICAL}/ZZ:H`],
    ['lower-case metrics', 'CVSS:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h'],
    ['a trailing slash', `${V31_CRITICAL}/`],
    ['a 3.1 body under a 4.0 prefix', V31_CRITICAL.replace('3.1', '4.0')],
    ['a v2 body under a 3.1 prefix', `CVSS:3.1/${V2_HIGH}`],
    ['an unknown version', V31_CRITICAL.replace('3.1', '3.2')],
    ['an Ubuntu priority word', 'medium'],
    ['nothing', ''],
  ])('skips a vector with %s', (_what, vector) => {
    expect(scoreVector(vector)).toBeNull();
    expect(severityOf({ vectors: [vector, V2_HIGH] }).source).toBe('CVSS 2.0 base score');
  });
});

describe('falling back to the advisory rating', () => {
  it.each([
    ['CRITICAL', 'critical'],
    ['HIGH', 'high'],
    ['MODERATE', 'medium'],
    ['Medium', 'medium'],
    ['LOW', 'low'],
    ['negligible', 'low'],
  ])('reads %s as %s', (word, rating) => {
    expect(severityOf({ vectors: ['not a vector'], rating: word })).toEqual({
      score: null,
      rating,
      vector: null,
      source: 'advisory rating',
    });
  });

  it('is unknown without a usable vector or rating word', () => {
    const unknown = {
      score: null,
      rating: 'unknown',
      vector: null,
      source: 'no CVSS vector or rating',
    };
    expect(severityOf({ vectors: [] })).toEqual(unknown);
    expect(severityOf({ vectors: [], rating: null })).toEqual(unknown);
    expect(severityOf({ vectors: [], rating: 'SEVERE' })).toEqual(unknown);
    expect(severityOf({ vectors: [], rating: 'constructor' })).toEqual(unknown);
  });

  it('prefers any valid vector over the rating word', () => {
    expect(severityOf({ vectors: [V2_HIGH], rating: 'LOW' }).rating).toBe('high');
  });
});

describe('the shared OSV exports', () => {
  it('scores every RustSec CVSS vector, and Go advisories (which have none) as unknown', () => {
    const rust = sharedRecords('rustsec.osv.ndjson.gz');
    const vectors = rust.flatMap((record) => record.severity ?? []).map((s) => s.score);
    expect(vectors).toHaveLength(417);
    expect(vectors.filter((vector) => scoreVector(vector) === null)).toEqual([]);
    const sources = new Set(
      rust.map(
        (record) => severityOf({ vectors: (record.severity ?? []).map((s) => s.score) }).source,
      ),
    );
    expect([...sources].sort()).toEqual([
      'CVSS 3.0 base score',
      'CVSS 3.1 base score',
      'CVSS 4.0 base score',
      'no CVSS vector or rating',
    ]);
    for (const record of sharedRecords('go-vulndb.osv.ndjson.gz')) {
      const severity = severityOf({
        vectors: (record.severity ?? []).map((s) => s.score),
        rating: record.database_specific?.severity ?? null,
      });
      expect(severity.rating).toBe('unknown');
    }
  });
});

describe('outside input', () => {
  const RATINGS = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];
  function expectWellFormed(vectors: string[], rating?: string | null) {
    const severity = severityOf({ vectors, rating });
    expect(RATINGS).toContain(severity.rating);
    if (severity.score !== null) {
      expect(severity.score).toBeGreaterThanOrEqual(0);
      expect(severity.score).toBeLessThanOrEqual(10);
      expect(vectors).toContain(severity.vector);
    }
  }

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.option(fc.string()), (vectors, rating) =>
        expectWellFormed(vectors, rating),
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on vector-shaped strings', () => {
    const metric = fc.constantFrom(
      ...[
        'AV',
        'AC',
        'AT',
        'Au',
        'PR',
        'UI',
        'S',
        'C',
        'I',
        'A',
        'VC',
        'VI',
        'VA',
        'SC',
        'SI',
        'SA',
      ],
      ...['E', 'RL', 'RC', 'MAV', 'MSI', 'CR', 'CDP', 'TD', 'U', 'R', '__proto__', 'toString'],
    );
    const value = fc.constantFrom(
      'N',
      'L',
      'H',
      'P',
      'A',
      'X',
      'U',
      'C',
      'R',
      'M',
      'S',
      'ND',
      'Red',
      '',
    );
    const vector = fc
      .tuple(
        fc.constantFrom('CVSS:4.0/', 'CVSS:3.1/', 'CVSS:3.0/', 'CVSS:2.0/', '', 'CVSS:9.9/'),
        fc.array(fc.tuple(metric, value), { maxLength: 14 }),
      )
      .map(([prefix, parts]) => prefix + parts.map(([m, v]) => `${m}:${v}`).join('/'));
    fc.assert(
      fc.property(fc.array(vector, { maxLength: 4 }), (vectors) => expectWellFormed(vectors)),
      { numRuns: 1000 },
    );
  });
});
