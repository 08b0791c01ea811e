import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLine } from '../../../contracts/detection.js';
import { createLineParser, eventsOf, type LineResult, type LogFormat } from './index.js';

const referenceTime = new Date('2026-05-01T00:00:00Z');
const parserFor = (format: LogFormat) =>
  format === 'sshd'
    ? createLineParser('sshd', { referenceTime })
    : format === 'json'
      ? createLineParser('json', { map: {} })
      : createLineParser(format, {});
const FORMATS: LogFormat[] = ['sshd', 'nginx', 'apache', 'json'];
const failedLine = 'Mar 27 13:06:56 h sshd[7]: Failed password for root from 1.2.3.4 port 2 ssh2';
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** Every result is one of the three kinds and every event satisfies the wire contract. */
function expectWellFormed(result: LineResult) {
  expect(['event', 'skip', 'error']).toContain(result.kind);
  // createLineParser turns a throw into this error; the parsers themselves must not throw.
  if (result.kind === 'error') expect(result.reason).not.toMatch(/^parser error/);
  for (const event of eventsOf(result)) {
    const checked = eventLine.safeParse(event);
    expect(checked.error?.issues ?? []).toEqual([]);
    expect(event.id).toMatch(/^[0-9a-f]{32}:\d+$/);
  }
}

describe('createLineParser', () => {
  it('counts lines, events, skips and errors, and keeps the first five samples', () => {
    const parser = createLineParser('sshd', { referenceTime });
    parser.parse(failedLine);
    parser.parse('Mar 27 13:06:56 h CRON[1]: job');
    for (let index = 0; index < 7; index++)
      parser.parse(`bad\u0000line ${index} ${'x'.repeat(300)}`);
    expect(parser.report).toMatchObject({ lines: 9, events: 1, skipped: 1, unparseable: 7 });
    expect(parser.report.samples).toHaveLength(5);
    expect(parser.report.samples[0]).toEqual({
      line: 3,
      text: `bad\\x00line 0 ${'x'.repeat(189)}…`,
      reason: 'not a syslog line',
    });
  });

  it('uses combined.ts for both nginx and apache', () => {
    const line = '192.0.2.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-"';
    for (const format of ['nginx', 'apache'] as const)
      expect(createLineParser(format, {}).parse(line)).toMatchObject({
        event: { type: 'http', id: `${digest(`${format}\n${line}`)}:0` },
      });
  });
});

// Lines that look almost right reach deeper into the parsers than random text does.
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.integer({ min: 0, max: 0xffff })).map((codes) => String.fromCharCode(...codes)),
  fc.constantFrom('', ' ', '"', '\\', '\\"', ']', '[', ' from ', ' port 1 ssh2', '\u0000', '\r'),
);
const address = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('::ffff:1.2.3.4', 'fe80::1%eth0'),
  text,
);
const nearSshd = fc
  .tuple(
    fc.constantFrom(
      'Mar 27 13:06:56',
      'Dec 31 23:59:59',
      'Feb 29 00:00:00',
      '2026-03-10T02:00:00.5Z',
      '<38>1 2026-03-10T02:00:00Z',
    ),
    fc.constantFrom(
      'sshd[1]: Failed password for ',
      'sshd[1]: Failed password for invalid user ',
      'sshd[2]: Accepted publickey for ',
      'sshd[3]: Invalid user ',
      'sshd[1]: message repeated 3 times: [ Failed password for ',
      'sshd[4]: Connection closed by invalid user ',
      'sshd[4]: error: maximum authentication attempts exceeded for ',
    ),
    text,
    address,
  )
  .map(([stamp, message, user, ip]) =>
    stamp.startsWith('<')
      ? `${stamp} h sshd 9 - - ${message.slice(message.indexOf(' ') + 1)}${user} from ${ip} port 2 ssh2`
      : `${stamp} host ${message}${user}${message.includes('closed') ? ' ' : ' from '}${ip} port 2 ssh2`,
  );
const nearCombined = fc
  .tuple(
    address,
    fc.constantFrom('GET', 'POST', 'get', '-', 'M-SEARCH'),
    text,
    fc.integer({ min: 0, max: 999 }),
    text,
  )
  .map(
    ([ip, method, path, status, agent]) =>
      `${ip} - - [10/Oct/2000:13:55:36 -0700] "${method} ${path} HTTP/1.1" ${status} 12 "-" "${agent}"`,
  );
const nearJson = fc
  .record(
    {
      type: fc.constantFrom('login', 'http', 'api_access', 'x'),
      at: fc.oneof(text, fc.integer(), fc.constant('2026-03-10T02:00:00Z')),
      ip: address,
      account: text,
      outcome: fc.constantFrom('success', 'failure'),
      path: text,
      method: text,
      status: fc.oneof(fc.integer(), text),
    },
    { requiredKeys: [] },
  )
  .map((record) => JSON.stringify(record));
const anyLine = fc.oneof(
  text,
  nearSshd,
  nearCombined,
  nearJson,
  fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
);

describe.each(FORMATS)('%s parser on hostile input', (format) => {
  it('never throws and only emits valid events', () => {
    const parser = parserFor(format);
    fc.assert(
      fc.property(anyLine, (line) => expectWellFormed(parser.parse(line))),
      { numRuns: 2000 },
    );
  });

  it('decodes arbitrary bytes without trouble', () => {
    const parser = parserFor(format);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) =>
        expectWellFormed(parser.parse(new TextDecoder().decode(bytes))),
      ),
      { numRuns: 1000 },
    );
  });

  it('gets through 1 MB lines and NUL bytes', () => {
    const parser = parserFor(format);
    const huge = 1 << 20;
    for (const line of [
      'A'.repeat(huge),
      ' '.repeat(huge),
      '"'.repeat(huge),
      '\\'.repeat(huge),
      `${failedLine.slice(0, 44)}${' from 1.2.3.4'.repeat(huge / 13)}`,
      `${failedLine}${'\u0000'.repeat(huge)}`,
      `1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /${'\\"'.repeat(huge / 2)} HTTP/1.1" 200 1`,
      `{"type":"login","account":"${'a'.repeat(huge)}"}`,
      '<1>'.repeat(huge / 3),
      `<38>1 2026-03-10T01:00:00Z h sshd 3 - ${'['.repeat(huge)}`,
      '\u0000',
      failedLine.replace('root', 'ro\u0000ot'),
    ])
      expectWellFormed(parser.parse(line));
    expect(parser.report.lines).toBe(12);
  });
});
