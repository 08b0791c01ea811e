import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventLine } from '../../../contracts/detection.js';
import { eventsOf, type LineResult } from './parse.types.js';
import { createSshdParser } from './sshd.js';

const AUTH_LOG = fileURLToPath(
  new URL('../../../../../shared/data/logs/ubuntu-auth-3weeks.log', import.meta.url),
);
const referenceTime = new Date('2026-05-01T00:00:00Z');
const parser = (reference = referenceTime, timeZone?: string) =>
  createSshdParser({ referenceTime: reference, timeZone });
const line = (message: string, pid = 100, stamp = 'Mar 27 13:06:56') =>
  `${stamp} ip-10-77-20-248 sshd[${pid}]: ${message}`;
/** Parses lines with one parser and returns the results. */
const parseAll = (lines: string[], parse = parser()) => lines.map((text) => parse(text));
const events = (results: LineResult[]) => results.flatMap(eventsOf);

describe('sshd messages', () => {
  it.each([
    ['Failed password for root from 1.2.3.4 port 22 ssh2', 'root', 'bad_password'],
    [
      'Failed password for invalid user admin from 1.2.3.4 port 22 ssh2',
      'admin',
      'unknown_account',
    ],
    ['Failed keyboard-interactive/pam for bob from 1.2.3.4 port 5 ssh2', 'bob', 'bad_password'],
    ['Accepted password for ubuntu from 1.2.3.4 port 54259 ssh2', 'ubuntu', 'success'],
    [
      'Accepted publickey for ubuntu from 1.2.3.4 port 1 ssh2: RSA SHA256:Kl8kPG',
      'ubuntu',
      'success',
    ],
    ['Accepted keyboard-interactive/pam for eve from 1.2.3.4 port 1 ssh2', 'eve', 'success'],
    ['Invalid user support from 1.2.3.4', 'support', 'unknown_account'],
    ['Invalid user oracle from 1.2.3.4 port 40000', 'oracle', 'unknown_account'],
    [
      'User root from 1.2.3.4 not allowed because not listed in AllowUsers',
      'root',
      'unknown_account',
    ],
    [
      'error: maximum authentication attempts exceeded for root from 1.2.3.4 port 9 ssh2 [preauth]',
      'root',
      'bad_password',
    ],
    [
      'Connection closed by authenticating user git 1.2.3.4 port 9 [preauth]',
      'git',
      'bad_password',
    ],
    ['Disconnected from invalid user pi 1.2.3.4 port 9 [preauth]', 'pi', 'unknown_account'],
  ])('reads "%s"', (message, account, outcome) => {
    const [result] = parseAll([line(message)]);
    expect(result).toEqual({
      kind: 'event',
      event: {
        type: 'login',
        stream: 'sshd',
        at: '2026-03-27T13:06:56.000Z',
        ip: '1.2.3.4',
        account,
        outcome,
      },
    });
    expect(eventLine.safeParse((result as { event: unknown }).event).success).toBe(true);
  });

  it.each([
    'Failed publickey for ubuntu from 1.2.3.4 port 1 ssh2: RSA SHA256:aC2UQe',
    'Failed none for invalid user admin from 1.2.3.4 port 1 ssh2',
    'Postponed keyboard-interactive for bob from 1.2.3.4 port 1 ssh2 [preauth]',
    'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root',
    'pam_unix(sshd:auth): check pass; user unknown',
    'PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root',
    'Disconnecting: Too many authentication failures [preauth]',
    'input_userauth_request: invalid user admin [preauth]',
    'Connection closed by 1.2.3.4 port 58980 [preauth]',
    'Received disconnect from 1.2.3.4 port 1:11: Bye Bye [preauth]',
    'Server listening on 0.0.0.0 port 22.',
  ])('skips "%s"', (message) => {
    expect(parseAll([line(message)])).toEqual([{ kind: 'skip' }]);
  });

  it('skips other programs and reports lines that are not syslog', () => {
    const parse = parser();
    expect(parse('Mar 27 13:06:56 host systemd-logind[1118]: New seat seat0.')).toEqual({
      kind: 'skip',
    });
    expect(parse('Mar 27 13:09:37 host sudo:   ubuntu : TTY=pts/0 ; COMMAND=/bin/ls')).toEqual({
      kind: 'skip',
    });
    expect(parse('Mar 27 13:09:37 host -- MARK --')).toEqual({ kind: 'skip' });
    expect(parse('hello world')).toEqual({ kind: 'error', reason: 'not a syslog line' });
    expect(parse('Foo 27 13:06:56 host sshd[1]: x')).toMatchObject({ kind: 'error' });
    expect(parse('Feb 30 13:06:56 host sshd[1]: x')).toMatchObject({ kind: 'error' });
    expect(parse(line('Failed password for root from host.example port 22 ssh2'))).toEqual({
      kind: 'error',
      reason: 'not an IP address: host.example',
    });
  });

  it('passes IPv6 and IPv4-mapped addresses through as written', () => {
    const found = events(
      parseAll([
        line('Failed password for root from 2001:db8::1 port 22 ssh2', 1),
        line('Failed password for root from ::ffff:192.0.2.7 port 22 ssh2', 2),
        line('Accepted publickey for ops from fe80::1%eth0 port 22 ssh2: ED25519 SHA256:x', 3),
      ]),
    );
    expect(found.map((event) => event.type === 'login' && event.ip)).toEqual([
      '2001:db8::1',
      '::ffff:192.0.2.7',
      'fe80::1%eth0',
    ]);
  });

  it('counts an invalid user once, however the session goes on', () => {
    const attempts = (lines: string[]) => events(parseAll(lines)).length;
    const invalid = line('Invalid user admin from 1.2.3.4');
    const failed = line('Failed password for invalid user admin from 1.2.3.4 port 9 ssh2');
    const closed = line('Connection closed by 1.2.3.4 port 9 [preauth]');
    const exceeded = line(
      'error: maximum authentication attempts exceeded for invalid user admin from 1.2.3.4 port 9 ssh2 [preauth]',
    );
    expect(attempts([invalid, closed])).toBe(1);
    expect(attempts([invalid, exceeded])).toBe(1);
    expect(attempts([invalid, failed, exceeded])).toBe(1);
    expect(attempts([invalid, failed, failed, failed])).toBe(3);
    // Another pid is another connection.
    expect(attempts([invalid, failed.replace('[100]', '[101]')])).toBe(2);
  });

  it('expands rsyslog repeats and leaves summaries uncounted', () => {
    const found = events(
      parseAll([
        line('Failed password for root from 1.2.3.4 port 9 ssh2'),
        line('message repeated 5 times: [ Failed password for root from 1.2.3.4 port 9 ssh2]'),
        line(
          'error: maximum authentication attempts exceeded for root from 1.2.3.4 port 9 ssh2 [preauth]',
        ),
        line('PAM 5 more authentication failures; rhost=1.2.3.4  user=root'),
      ]),
    );
    expect(found).toHaveLength(6);
    expect(new Set(found.map((event) => event.type === 'login' && event.outcome))).toEqual(
      new Set(['bad_password']),
    );
  });

  it('calls a failure after a partial success a second-factor failure', () => {
    const found = events(
      parseAll([
        line('Partial publickey for bob from 1.2.3.4 port 9 ssh2: ED25519 SHA256:x'),
        line('Failed keyboard-interactive/pam for bob from 1.2.3.4 port 9 ssh2'),
      ]),
    );
    expect(found).toMatchObject([{ outcome: 'mfa_failure', account: 'bob' }]);
  });

  it('takes the last " from " so a user name cannot forge the address', () => {
    const [event] = events(
      parseAll([line('Failed password for invalid user x from 9.9.9.9 from 1.2.3.4 port 2 ssh2')]),
    );
    expect(event).toMatchObject({ ip: '1.2.3.4', account: 'x from 9.9.9.9' });
  });

  it('omits an empty account and escapes control characters in one', () => {
    const found = events(
      parseAll([
        line('Failed password for invalid user  from 1.2.3.4 port 2 ssh2', 1),
        line('Invalid user a\u0007\u202eb from 1.2.3.4', 2),
      ]),
    );
    expect(found[0]).not.toHaveProperty('account');
    expect(found[1]).toMatchObject({ account: 'a\\x07\\u202eb' });
    expect(found.every((event) => eventLine.safeParse(event).success)).toBe(true);
  });
});

describe('timestamps', () => {
  const stamps = (stampsIn: string[], reference = referenceTime, timeZone?: string) =>
    events(
      parseAll(
        stampsIn.map((stamp, index) =>
          line('Accepted password for a from 1.2.3.4 port 1 ssh2', index, stamp),
        ),
        parser(reference, timeZone),
      ),
    ).map((event) => event.at);

  it('puts the first line in the latest year that is not after the reference', () => {
    expect(stamps(['Mar 27 13:06:56'], new Date('2026-03-28T00:00:00Z'))).toEqual([
      '2026-03-27T13:06:56.000Z',
    ]);
    expect(stamps(['Apr 27 13:06:56'], new Date('2026-03-28T00:00:00Z'))).toEqual([
      '2025-04-27T13:06:56.000Z',
    ]);
  });

  it('rolls the year over from December to January while reading forwards', () => {
    expect(
      stamps(
        ['Dec 31 23:59:58', 'Jan  1 00:00:03', 'Feb  2 10:00:00'],
        new Date('2026-02-03T00:00:00Z'),
      ),
    ).toEqual(['2025-12-31T23:59:58.000Z', '2026-01-01T00:00:03.000Z', '2026-02-02T10:00:00.000Z']);
  });

  it('tolerates slightly out-of-order lines around new year without jumping a year', () => {
    expect(
      stamps(
        ['Jan  1 00:00:01', 'Dec 31 23:59:59', 'Jan  1 00:00:02'],
        new Date('2026-01-02T00:00:00Z'),
      ),
    ).toEqual(['2026-01-01T00:00:01.000Z', '2025-12-31T23:59:59.000Z', '2026-01-01T00:00:02.000Z']);
  });

  it('never rolls over into the future (beyond a day of clock skew)', () => {
    expect(
      stamps(['Dec 31 10:00:00', 'Jan  5 10:00:00'], new Date('2025-12-31T12:00:00Z')),
    ).toEqual(['2025-12-31T10:00:00.000Z', '2025-01-05T10:00:00.000Z']);
  });

  it('finds a leap year for Feb 29', () => {
    expect(stamps(['Feb 29 12:00:00'], new Date('2026-03-01T00:00:00Z'))).toEqual([
      '2024-02-29T12:00:00.000Z',
    ]);
  });

  it('converts classic stamps from the server zone, and reads RFC 3339 and RFC 5424', () => {
    expect(stamps(['Jul  1 12:00:00'], new Date('2026-08-01T00:00:00Z'), 'Europe/Berlin')).toEqual([
      '2026-07-01T10:00:00.000Z',
    ]);
    const parse = parser();
    const message = 'Failed password for root from 1.2.3.4 port 22 ssh2';
    for (const text of [
      `2026-03-10T02:00:00.123456+01:00 host sshd[1]: ${message}`,
      `2026-03-10T01:00:00.123Z host sshd-session[2]: ${message}`,
      `<38>1 2026-03-10T01:00:00.123Z host sshd 3 - - ${message}`,
      `<38>1 2026-03-10T02:00:00.123+01:00 host sshd 4 ID47 [x@1 a="b\\]c"][y@2] \ufeff${message}`,
    ])
      expect(eventsOf(parse(text))).toMatchObject([
        { at: '2026-03-10T01:00:00.123Z', account: 'root' },
      ]);
    expect(parse(`<38>1 - host sshd 3 - - ${message}`)).toMatchObject({ kind: 'error' });
    expect(parse(`<13>Mar 27 13:06:56 host sshd[5]: ${message}`)).toMatchObject({ kind: 'event' });
  });
});

describe('the shared three-week Ubuntu auth log', () => {
  const lines = readFileSync(AUTH_LOG, 'utf8').split('\n').slice(0, -1);
  const results = parseAll(lines);
  const tally = (ip: string) => {
    const counts: Record<string, number> = {};
    for (const event of events(results))
      if (event.type === 'login' && event.ip === ip)
        counts[event.outcome] = (counts[event.outcome] ?? 0) + 1;
    return counts;
  };

  it('reads every line, all of them syslog', () => {
    expect(lines).toHaveLength(7121);
    expect(results.filter((result) => result.kind === 'error')).toEqual([]);
    expect(events(results).every((event) => eventLine.safeParse(event).success)).toBe(true);
  });

  it('counts the operator at 85.245.107.41', () => {
    // grep -E 'sshd.*Accepted (password|publickey) for .* from 85\.245\.107\.41 ' → 139 + 35 = 174
    // grep 'Failed password for .* from 85.245.107.41 ' → 11 (the 4 "Failed publickey" are
    //   keys the client offered before its password was accepted, not attempts)
    // grep 'Invalid user .* from 85.245.107.41$' → 2 (test, dale), each closed without a Failed line
    expect(tally('85.245.107.41')).toEqual({ success: 174, bad_password: 11, unknown_account: 2 });
  });

  it('counts the top brute-force source 24.151.103.17', () => {
    // grep -c 'Failed password for .* from 24.151.103.17 ' → 157, none of them "invalid user",
    //   and no "message repeated" line for this address
    // grep -c 'Accepted password for .* from 24.151.103.17 ' → 47
    expect(tally('24.151.103.17')).toEqual({ success: 47, bad_password: 157 });
  });

  it('counts the whole file without double counting', () => {
    // Accepted: grep -c Accepted → 226.
    // bad_password: 297 plain "Failed password for <valid user>" lines, 410 repeats summed
    //   from "message repeated N times: [ Failed password for root|bin …]", and 31 sessions
    //   that hit "maximum authentication attempts exceeded for <valid user>" with no Failed line.
    // unknown_account: 178 "Invalid user" lines + 331 "Failed password for invalid user" lines
    //   − 92 sessions where both appear (the first Failed line is the Invalid user attempt).
    const found = events(results);
    const outcomes = (outcome: string) =>
      found.filter((event) => event.type === 'login' && event.outcome === outcome).length;
    expect(outcomes('success')).toBe(226);
    expect(outcomes('bad_password')).toBe(297 + 410 + 31);
    expect(outcomes('unknown_account')).toBe(178 + 331 - 92);
    expect(found[0]).toMatchObject({ at: '2026-03-27T13:08:09.000Z', stream: 'sshd' });
  });
});
