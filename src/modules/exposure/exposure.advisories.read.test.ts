import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import {
  readOsvFile,
  type OsvRecord,
  type ReadIssue,
  type ReadLimits,
} from './exposure.advisories.read.js';

const ADVISORIES = fileURLToPath(new URL('../../../../shared/data/advisories/', import.meta.url));
const ROOMY: ReadLimits = { maxExpandedBytes: 64 * 1024 * 1024, maxEntries: 1000 };
const MB = 1024 * 1024;

async function readAll(fileName: string, bytes: Buffer, limits: ReadLimits = ROOMY) {
  const records: { record: OsvRecord; location: string }[] = [];
  const issues: ReadIssue[] = [];
  for await (const item of readOsvFile({ fileName, bytes }, limits)) {
    if ('issue' in item) issues.push(item.issue);
    else records.push(item);
  }
  return { records, issues };
}

async function refusal(fileName: string, bytes: Buffer, limits: ReadLimits): Promise<unknown> {
  try {
    await readAll(fileName, bytes, limits);
  } catch (error) {
    return error;
  }
  throw new Error('expected the file to be refused');
}

/** Python's zipfile builds the archives: no zip writer is a dependency of the project. */
const ZIP_SCRIPT = `
import base64, io, json, sys, zipfile
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
    for entry in json.load(sys.stdin):
        data = b"\\0" * entry["zeros"] if "zeros" in entry else base64.b64decode(entry["base64"])
        archive.writestr(entry["name"], data)
sys.stdout.buffer.write(out.getvalue())
`;
type ZipEntry = { name: string; text: string } | { name: string; zeros: number };
function zipOf(entries: ZipEntry[]): Buffer {
  const spec = entries.map((entry) =>
    'text' in entry
      ? { name: entry.name, base64: Buffer.from(entry.text).toString('base64') }
      : entry,
  );
  return execFileSync('python3', ['-c', ZIP_SCRIPT], {
    input: JSON.stringify(spec),
    maxBuffer: 64 * MB,
  });
}

function osv(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    modified: '2024-01-02T03:04:05Z',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'django' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.2.1' }] }],
      },
    ],
    ...extra,
  };
}
const line = (value: unknown) => JSON.stringify(value);

describe('reading the shared OSV exports', () => {
  it('reads all 4,291 Go advisories from gzip-compressed NDJSON, with no issues', async () => {
    const bytes = readFileSync(`${ADVISORIES}go-vulndb.osv.ndjson.gz`);
    const { records, issues } = await readAll('go-vulndb.osv.ndjson.gz', bytes);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(4291);
    const first = records[0]!;
    expect(first.location).toBe('go-vulndb.osv.ndjson.gz line 1');
    expect(first.record).toMatchObject({
      id: 'GO-2020-0001',
      modified: '0001-01-01T00:00:00Z',
      published: '2021-04-14T20:04:52Z',
      withdrawn: null,
      aliases: ['CVE-2020-36567', 'GHSA-6vm3-jj99-7229'],
      related: [],
      severity: [],
      credits: [{ name: '@thinkerou <thinkerou@gmail.com>' }],
      databaseSpecific: { url: 'https://pkg.go.dev/vuln/GO-2020-0001', review_status: 'REVIEWED' },
    });
    expect(first.record.affected[0]).toMatchObject({
      package: { name: 'github.com/gin-gonic/gin', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.0' }] }],
      versions: [],
      ecosystemSpecific: { imports: [{ path: 'github.com/gin-gonic/gin' }] },
    });
    expect(records.filter(({ record }) => record.withdrawn !== null)).toHaveLength(17);
  });

  it('reads all 1,206 RustSec advisories, keeping their CVSS vectors', async () => {
    const bytes = readFileSync(`${ADVISORIES}rustsec.osv.ndjson.gz`);
    const { records, issues } = await readAll('rustsec.osv.ndjson.gz', bytes);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1206);
    const vectors = records.flatMap(({ record }) => record.severity);
    expect(vectors).toHaveLength(417);
    expect(vectors.every(({ score }) => score.startsWith('CVSS:'))).toBe(true);
  });
});

describe('file shapes', () => {
  it('reads one OSV object from a .json file, located by the file name', async () => {
    const { records, issues } = await readAll('GO-2022-0001.json', Buffer.from(line(osv('A-1'))));
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.location, r.record.id])).toEqual([['GO-2022-0001.json', 'A-1']]);
    expect(records[0]!.record).toMatchObject({
      published: null,
      summary: null,
      details: null,
      references: [],
      databaseSpecific: null,
    });
    expect(records[0]!.record).not.toHaveProperty('credits');
  });

  it('reads a JSON array, each record located by its item number', async () => {
    const bytes = Buffer.from(line([osv('A-1'), { id: 'A-2' }, osv('A-3')]));
    const { records, issues } = await readAll('all.json', bytes);
    expect(records.map((r) => r.location)).toEqual(['all.json item 1', 'all.json item 3']);
    expect(issues).toEqual([{ location: 'all.json item 2', message: 'modified: is required' }]);
  });

  it('reports a single-object file that is not JSON as an issue, not a throw', async () => {
    const { records, issues } = await readAll('x.json', Buffer.from('{"id": "A-1",'));
    expect(records).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.location).toBe('x.json');
    expect(issues[0]!.message).toMatch(/^not valid JSON/);
  });

  it('reads NDJSON past a malformed line 3, naming that line', async () => {
    const text = [line(osv('A-1')), '', '{"id": "A-3", oops', line(osv('A-4')), ''].join('\r\n');
    const { records, issues } = await readAll('advisories.ndjson', Buffer.from(text));
    expect(records.map((r) => [r.location, r.record.id])).toEqual([
      ['advisories.ndjson line 1', 'A-1'],
      ['advisories.ndjson line 4', 'A-4'],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.location).toBe('advisories.ndjson line 3');
    expect(issues[0]!.message).toMatch(/^not valid JSON/);
  });

  it('recognises gzip by its magic bytes, whatever the name says', async () => {
    const bytes = gzipSync(Buffer.from(`\uFEFF${line(osv('A-1'))}\n${line(osv('A-2'))}\n`));
    const { records } = await readAll('advisories.jsonl', bytes);
    expect(records.map((r) => r.location)).toEqual([
      'advisories.jsonl line 1',
      'advisories.jsonl line 2',
    ]);
    const single = await readAll('A-1.json.gz', gzipSync(Buffer.from(line(osv('A-1')))));
    expect(single.records.map((r) => r.location)).toEqual(['A-1.json.gz']);
  });

  it('reads every *.json entry of a zip, skipping other entries and reporting bad JSON', async () => {
    const bytes = zipOf([
      { name: 'PYSEC-2021-1.json', text: line(osv('PYSEC-2021-1')) },
      { name: 'README.txt', text: 'not an advisory' },
      { name: 'nested/', text: '' },
      { name: 'nested/GHSA-aaaa-bbbb-cccc.json', text: line(osv('GHSA-aaaa-bbbb-cccc')) },
      { name: '__MACOSX/._PYSEC-2021-1.json', text: '\u0000\u0005\u0016\u0007' },
      { name: 'broken.json', text: '{"id":' },
      { name: 'bad-range.json', text: line(osv('X-1', { affected: [{ package: {} }] })) },
    ]);
    const { records, issues } = await readAll('osv.zip', bytes);
    expect(records.map((r) => [r.location, r.record.id])).toEqual([
      ['osv.zip: PYSEC-2021-1.json', 'PYSEC-2021-1'],
      ['osv.zip: nested/GHSA-aaaa-bbbb-cccc.json', 'GHSA-aaaa-bbbb-cccc'],
    ]);
    expect(issues.map((i) => i.location)).toEqual([
      'osv.zip: broken.json',
      'osv.zip: bad-range.json',
    ]);
    expect(issues[1]!.message).toBe(
      'affected[0].package.ecosystem: is required (and 1 more problems)',
    );
  });
});

describe('record validation', () => {
  async function issuesOf(record: unknown): Promise<string[]> {
    const { issues } = await readAll('a.ndjson', Buffer.from(line(record)));
    return issues.map((issue) => issue.message);
  }

  it('refuses an unknown range type, naming the field and the type', async () => {
    const record = osv('A-1', {
      affected: [
        {
          package: { ecosystem: 'npm', name: 'left-pad' },
          ranges: [{ type: 'FOO', events: [{ introduced: '0' }] }],
        },
      ],
    });
    expect(await issuesOf(record)).toEqual([
      'affected[0].ranges[0].type: unknown range type "FOO"',
    ]);
  });

  it('requires exactly one key per event, and an introduced event per range', async () => {
    const affected = (events: unknown[]) => [
      { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events }] },
    ];
    expect(
      await issuesOf(osv('A', { affected: affected([{ introduced: '0', fixed: '1' }]) })),
    ).toEqual([
      'affected[0].ranges[0].events[0]: must have exactly one of introduced, fixed, last_affected, limit',
    ]);
    expect(await issuesOf(osv('A', { affected: affected([{}]) }))).toHaveLength(1);
    expect(await issuesOf(osv('A', { affected: affected([{ fixed: '1' }]) }))).toEqual([
      'affected[0].ranges[0].events: needs an "introduced" event',
    ]);
    expect(
      await issuesOf(osv('A', { affected: affected([{ introduced: '0', typo: '1' }]) })),
    ).toEqual(['affected[0].ranges[0].events[0]: Unrecognized key: "typo"']);
  });

  it('requires id and modified, and checks timestamps', async () => {
    expect(await issuesOf({ modified: '2024-01-01T00:00:00Z' })).toEqual(['id: is required']);
    expect(await issuesOf({ id: 'A-1', modified: 'yesterday' })).toEqual([
      'modified: must be an RFC 3339 timestamp',
    ]);
    expect(await issuesOf([osv('A-1')])).toEqual([
      '(root): Invalid input: expected object, received array',
    ]);
  });

  it('leaves out affected entries without a package (GIT-only), keeping the record', async () => {
    const gitOnly = {
      ranges: [{ type: 'GIT', repo: 'https://github.com/x/y', events: [{ introduced: '0' }] }],
    };
    const record = osv('CVE-2024-1', { affected: [gitOnly, ...(osv('x').affected as unknown[])] });
    const { records, issues } = await readAll('a.json', Buffer.from(line(record)));
    expect(issues).toEqual([]);
    expect(records[0]!.record.affected.map((a) => a.package.name)).toEqual(['django']);
  });

  it('accepts null where the OSV schema allows it', async () => {
    const record = osv('A-1', { aliases: null, severity: null, references: null });
    const { records, issues } = await readAll('a.json', Buffer.from(line(record)));
    expect(issues).toEqual([]);
    expect(records[0]!.record).toMatchObject({ aliases: [], severity: [], references: [] });
  });
});

describe('limits and unreadable containers', () => {
  const TIGHT: ReadLimits = { maxExpandedBytes: MB, maxEntries: 10 };

  it('refuses a zip bomb by counting inflated bytes (50 MB of zeros, 1 MB limit)', async () => {
    const bomb = zipOf([{ name: 'bomb.json', zeros: 50 * MB }]);
    expect(bomb.length).toBeLessThan(MB);
    const error = await refusal('osv.zip', bomb, TIGHT);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      {
        field: 'file',
        message: "'osv.zip' expands to more than 1048576 bytes, the limit for an advisory file",
      },
    ]);
  });

  it('counts inflated bytes across zip entries', async () => {
    const entries = [0, 1, 2].map((n) => ({ name: `${n}.json`, zeros: 400 * 1024 }));
    expect(await refusal('osv.zip', zipOf(entries), TIGHT)).toBeInstanceOf(ValidationError);
  });

  it('refuses a zip with more entries than allowed', async () => {
    const entries = Array.from({ length: 11 }, (_, n) => ({ name: `${n}.txt`, text: '' }));
    const error = await refusal('osv.zip', zipOf(entries), TIGHT);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      "file: 'osv.zip' has 11 entries; the limit is 10",
    );
  });

  it('refuses a gzip bomb, as NDJSON or as one document', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * MB));
    for (const name of ['bomb.ndjson.gz', 'bomb.json.gz']) {
      const error = await refusal(name, bomb, TIGHT);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toContain('more than 1048576 bytes');
    }
  });

  it('applies the limit to an uncompressed file too', async () => {
    const big = Buffer.from(line([osv('A-1', { details: 'x'.repeat(MB) })]));
    expect(await refusal('all.json', big, TIGHT)).toBeInstanceOf(ValidationError);
  });

  it('refuses a broken gzip or zip as a whole', async () => {
    const truncated = gzipSync(Buffer.from(line(osv('A-1')))).subarray(0, 20);
    const gzipError = await refusal('a.ndjson.gz', truncated, ROOMY);
    expect((gzipError as ValidationError).message).toMatch(
      /^file: 'a.ndjson.gz' is not a readable gzip file/,
    );
    const zipError = await refusal('osv.zip', Buffer.from('PK\u0003\u0004 not really'), ROOMY);
    expect((zipError as ValidationError).message).toMatch(
      /^file: 'osv.zip' is not a readable zip file/,
    );
  });

  it('never throws anything but ValidationError for arbitrary bytes', async () => {
    const magic = fc.constantFrom(
      Buffer.alloc(0),
      Buffer.from([0x1f, 0x8b]),
      Buffer.from('PK\u0003\u0004', 'latin1'),
      Buffer.from('PK\u0005\u0006', 'latin1'),
      Buffer.from('{"id":"A","modified":"2024-01-01T00:00:00Z","affected":'),
    );
    const name = fc.constantFrom('a.json', 'a.ndjson', 'a.jsonl.gz', 'a.zip', 'upload');
    await fc.assert(
      fc.asyncProperty(
        magic,
        fc.uint8Array({ maxLength: 512 }),
        name,
        async (head, tail, fileName) => {
          try {
            await readAll(fileName, Buffer.concat([head, tail]), TIGHT);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
