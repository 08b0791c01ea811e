import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aggregate,
  toDecisions,
  toNftables,
  toPlainText,
  type BlockCidr,
  type BlockEntry,
} from './detection.blocklist.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const IN_1H = '2025-03-01T13:00:00.000Z';
const IN_2H = '2025-03-01T14:00:00.000Z';
const PAST = '2025-03-01T11:59:59.000Z';

let serial = 0;
function entry(value: string, until = IN_1H, reason = 'credential-stuffing'): BlockEntry {
  return { value, until, reason, alertId: `alert-${++serial}` };
}
const cidrsOf = (entries: BlockEntry[], options = {}) =>
  aggregate(entries, { now: NOW, ...options }).map((c) => c.cidr);

describe('aggregate', () => {
  it('merges adjacent addresses into one CIDR with their metadata', () => {
    const [a, b] = [entry('10.0.0.0', IN_1H, 'spray'), entry('10.0.0.1', IN_2H, 'stuffing')];
    expect(aggregate([b, a])).toEqual([
      {
        cidr: '10.0.0.0/31',
        version: 4,
        prefix: 31,
        until: IN_2H,
        count: 2,
        reasons: ['spray', 'stuffing'],
        alertIds: [a.alertId, b.alertId],
      },
    ]);
  });

  it('keeps adjacent addresses that do not align as separate CIDRs', () => {
    expect(cidrsOf([entry('10.0.0.1'), entry('10.0.0.2')])).toEqual(['10.0.0.1/32', '10.0.0.2/32']);
    expect(cidrsOf(['1', '2', '3', '4', '5', '6'].map((n) => entry(`10.0.0.${n}`)))).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
    ]);
  });

  it('absorbs contained entries and counts them', () => {
    const result = aggregate([entry('10.0.0.5', IN_2H), entry('10.0.0.0/24'), entry('10.0.0.9')]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ cidr: '10.0.0.0/24', until: IN_2H, count: 3 });
    expect(result[0]!.alertIds).toHaveLength(3);
  });

  it('merges overlapping ranges and splits the union minimally', () => {
    expect(cidrsOf([entry('10.0.0.0/25'), entry('10.0.0.64/26'), entry('10.0.0.128/25')])).toEqual([
      '10.0.0.0/24',
    ]);
    const split = aggregate([entry('10.0.0.0/30'), entry('10.0.0.2/31'), entry('10.0.0.4')]);
    expect(split.map((c) => [c.cidr, c.count])).toEqual([
      ['10.0.0.0/30', 2],
      ['10.0.0.4/32', 1],
    ]);
    expect(cidrsOf([entry('0.0.0.0/1'), entry('128.0.0.0/1')])).toEqual(['0.0.0.0/0']);
  });

  it('gives a range entry that spans several output CIDRs to each of them', () => {
    const wide = entry('10.0.0.0/30', IN_2H);
    const result = aggregate([wide, entry('10.0.0.4')]);
    expect(result.map((c) => [c.cidr, c.until, c.alertIds.includes(wide.alertId)])).toEqual([
      ['10.0.0.0/30', IN_2H, true],
      ['10.0.0.4/32', IN_1H, false],
    ]);
  });

  it('handles IPv6, separately from IPv4, and sorts by address', () => {
    expect(
      cidrsOf([
        entry('2001:db8:8000::/33'),
        entry('192.0.2.1'),
        entry('2001:db8::/33'),
        entry('2001:db8:1::1'),
        entry('::'),
        entry('::1'),
        entry('2001:db9::'),
        entry('10.0.0.0/8'),
        entry('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'),
      ]),
    ).toEqual([
      '10.0.0.0/8',
      '192.0.2.1/32',
      '::/127',
      '2001:db8::/32',
      '2001:db9::/128',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
    ]);
    expect(cidrsOf([entry('::/1'), entry('8000::/1')])).toEqual(['::/0']);
  });

  it('normalises entry spellings, masks host bits and dedupes repeated values', () => {
    const result = aggregate([
      entry('2001:DB8::0001'),
      entry('2001:db8::1'),
      entry('::ffff:192.0.2.9'),
      entry('192.0.2.77/24'),
      { ...entry('192.0.2.0/24'), alertId: 'alert-dup' },
      { ...entry('192.0.2.0/24'), alertId: 'alert-dup' },
      entry('::ffff:198.51.100.0/120'),
    ]);
    expect(result.map((c) => [c.cidr, c.count, c.alertIds.length])).toEqual([
      // 192.0.2.77/24 is 192.0.2.0/24 once masked, so it is the same listed value.
      ['192.0.2.0/24', 2, 3],
      ['198.51.100.0/24', 1, 1],
      ['2001:db8::1/128', 1, 2],
    ]);
  });

  it('drops expired entries before merging', () => {
    expect(cidrsOf([entry('10.0.0.0', PAST), entry('10.0.0.1')])).toEqual(['10.0.0.1/32']);
    expect(cidrsOf([entry('10.0.0.0', NOW.toISOString())])).toEqual([]);
    expect(aggregate([entry('10.0.0.0', PAST)]).map((c) => c.cidr)).toEqual(['10.0.0.0/32']);
  });

  it('does not widen by default', () => {
    const crowd = ['1', '3', '5', '7', '9'].map((n) => entry(`203.0.113.${n}`));
    expect(cidrsOf(crowd)).toHaveLength(5);
  });

  it('widens a network once enough of its addresses are listed', () => {
    const crowd = ['1', '3', '5', '7', '9'].map((n) => entry(`203.0.113.${n}`));
    const other = entry('198.51.100.4');
    const result = aggregate([...crowd, other, entry('203.0.112.1')], { widenAt: 5 });
    expect(result.map((c) => [c.cidr, c.count])).toEqual([
      ['198.51.100.4/32', 1],
      ['203.0.112.1/32', 1],
      ['203.0.113.0/24', 5],
    ]);
    expect(cidrsOf(crowd, { widenAt: 6 })).toHaveLength(5);
    expect(cidrsOf(crowd.slice(0, 2), { widenAt: 2, widenV4To: 30 })).toEqual(['203.0.113.0/30']);
  });

  it('widens IPv6 to /64 by default, or to the given prefix', () => {
    const crowd = [':1', '2:3:4:5', 'ffff::1'].map((tail) => entry(`2001:db8:0:7:${tail}`));
    expect(cidrsOf(crowd, { widenAt: 3 })).toEqual(['2001:db8:0:7::/64']);
    const spread = ['2001:db8:1:1::1', '2001:db8:1:2::1', '2001:db8:1:3::1'].map((v) => entry(v));
    expect(cidrsOf(spread, { widenAt: 3 })).toHaveLength(3);
    expect(cidrsOf(spread, { widenAt: 3, widenV6To: 48 })).toEqual(['2001:db8:1::/48']);
  });

  it('rejects what is not an address or CIDR', () => {
    for (const value of [
      'nope',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0.0/08',
      '::/129',
      '010.0.0.1',
    ]) {
      expect(() => aggregate([entry(value)]), value).toThrow(TypeError);
    }
    expect(() => aggregate([entry('10.0.0.1', 'tomorrow')])).toThrow(TypeError);
    expect(() => aggregate([entry('10.0.0.1')], { widenAt: 0 })).toThrow(RangeError);
    expect(() => aggregate([entry('10.0.0.1')], { widenAt: 2, widenV4To: 40 })).toThrow(RangeError);
  });

  it('covers exactly the listed addresses with disjoint, sorted, unmergeable CIDRs', () => {
    // A small IPv4 space keeps the address sets enumerable.
    const block = fc.record({ host: fc.nat(255), prefix: fc.integer({ min: 24, max: 32 }) });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), (blocks) => {
        const listed = new Set<number>();
        const entries = blocks.map(({ host, prefix }) => {
          const size = 2 ** (32 - prefix);
          const start = host - (host % size);
          for (let a = start; a < start + size; a++) listed.add(a);
          return entry(`10.0.0.${host}/${prefix}`);
        });
        const covered: number[] = [];
        const result = aggregate(entries);
        for (const c of result) {
          const start = Number(c.cidr.split('/')[0]!.split('.')[3]);
          for (let a = start; a < start + 2 ** (32 - c.prefix); a++) covered.push(a);
        }
        expect(covered).toEqual([...listed].sort((x, y) => x - y));
        for (let i = 1; i < result.length; i++) {
          const [prev, next] = [result[i - 1]!, result[i]!];
          const prevStart = Number(prev.cidr.split('/')[0]!.split('.')[3]);
          const siblings =
            prev.prefix === next.prefix &&
            prevStart % 2 ** (33 - prev.prefix) === 0 &&
            next.cidr.startsWith(`10.0.0.${prevStart + 2 ** (32 - prev.prefix)}/`);
          expect(siblings).toBe(false);
        }
        // Every entry's alert reaches some output, and no output is without one.
        const alerts = new Set(result.flatMap((c) => c.alertIds));
        expect(alerts).toEqual(new Set(entries.map((e) => e.alertId)));
        expect(result.every((c) => c.count >= 1 && c.alertIds.length >= c.count)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

const sample: BlockCidr[] = aggregate(
  [
    entry('10.0.0.0', IN_2H),
    entry('10.0.0.1', IN_1H),
    entry('192.0.2.7', '2025-03-01T12:00:00.400Z', 'scanner'),
    entry('198.51.100.1', PAST),
    entry('2001:db8:1::/48', '2025-03-01T12:00:59.000Z', 'sshd-bf'),
    entry('2001:db8:2::1', IN_1H, 'sshd-bf'),
  ],
  {},
);

describe('toPlainText', () => {
  it('writes one entry per line, bare addresses without a prefix, expired ones left out', () => {
    expect(toPlainText(sample, NOW)).toBe(
      [
        '# cordon blocklist generated 2025-03-01T12:00:00.000Z',
        '10.0.0.0/31',
        '192.0.2.7',
        '2001:db8:1::/48',
        '2001:db8:2::1',
        '',
      ].join('\n'),
    );
  });
});

describe('toNftables', () => {
  const expected = [
    '# cordon blocklist generated 2025-03-01T12:00:00.000Z',
    'add table inet cordon',
    'add set inet cordon blocklist_v4 { type ipv4_addr; flags interval, timeout; }',
    'add set inet cordon blocklist_v6 { type ipv6_addr; flags interval, timeout; }',
    'flush set inet cordon blocklist_v4',
    'flush set inet cordon blocklist_v6',
    'table inet cordon {',
    '\tset blocklist_v4 {',
    '\t\ttype ipv4_addr',
    '\t\tflags interval, timeout',
    '\t\telements = {',
    '\t\t\t10.0.0.0/31 timeout 7200s,',
    '\t\t\t192.0.2.7 timeout 1s',
    '\t\t}',
    '\t}',
    '\tset blocklist_v6 {',
    '\t\ttype ipv6_addr',
    '\t\tflags interval, timeout',
    '\t\telements = {',
    '\t\t\t2001:db8:1::/48 timeout 59s,',
    '\t\t\t2001:db8:2::1 timeout 3600s',
    '\t\t}',
    '\t}',
    '}',
    '',
  ].join('\n');

  it('writes both sets with timeouts left, dropping expired entries', () => {
    expect(toNftables(sample, { now: NOW })).toBe(expected);
  });

  it('leaves out the elements line of an empty set and honours the names', () => {
    const script = toNftables(
      sample.filter((c) => c.version === 6),
      { now: NOW, table: 'shop', family: 'ip6', setV4: 'v4', setV6: 'v6' },
    );
    expect(script).toContain('\tset v4 {\n\t\ttype ipv4_addr\n\t\tflags interval, timeout\n\t}\n');
    expect(script).toContain('flush set ip6 shop v6\n');
    expect(script.match(/elements/g)).toHaveLength(1);
    expect(toNftables([], { now: NOW })).not.toContain('elements');
  });

  it('refuses names that would inject statements', () => {
    expect(() => toNftables([], { now: NOW, table: 'x; flush ruleset' })).toThrow(TypeError);
    expect(() => toNftables([], { now: NOW, setV6: 'a b' })).toThrow(TypeError);
    expect(() => toNftables([], { now: NOW, family: 'evil' as 'inet' })).toThrow(TypeError);
  });

  // nft -c parses and evaluates the script without touching the kernel's ruleset.
  const dir = mkdtempSync(join(tmpdir(), 'cordon-nft-'));
  const check = (script: string) => {
    const file = join(dir, 'blocklist.nft');
    writeFileSync(file, script);
    return spawnSync('nft', ['-c', '-f', file], { encoding: 'utf8' });
  };
  const nftWorks = check('table inet probe {\n}\n').status === 0;

  it.skipIf(!nftWorks)('is accepted by nft -c, full and empty', () => {
    for (const script of [expected, toNftables([], { now: NOW })]) {
      const result = check(script);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});

describe('toDecisions', () => {
  it('writes CrowdSec-style ban decisions for live entries', () => {
    const decisions = toDecisions(sample, NOW);
    expect(decisions.map(({ alerts: _, ...rest }) => rest)).toEqual([
      {
        value: '10.0.0.0/31',
        scope: 'Range',
        type: 'ban',
        duration: '7200s',
        until: IN_2H,
        origin: 'cordon',
        scenario: 'credential-stuffing',
      },
      {
        value: '192.0.2.7',
        scope: 'Ip',
        type: 'ban',
        duration: '1s',
        until: '2025-03-01T12:00:00.400Z',
        origin: 'cordon',
        scenario: 'scanner',
      },
      {
        value: '2001:db8:1::/48',
        scope: 'Range',
        type: 'ban',
        duration: '59s',
        until: '2025-03-01T12:00:59.000Z',
        origin: 'cordon',
        scenario: 'sshd-bf',
      },
      {
        value: '2001:db8:2::1',
        scope: 'Ip',
        type: 'ban',
        duration: '3600s',
        until: IN_1H,
        origin: 'cordon',
        scenario: 'sshd-bf',
      },
    ]);
    expect(decisions[0]!.alerts).toEqual(sample[0]!.alertIds);
    expect(decisions[0]!.alerts).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(decisions))).toEqual(decisions);
  });
});
