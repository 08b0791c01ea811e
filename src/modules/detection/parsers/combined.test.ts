import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventLine } from '../../../contracts/detection.js';
import { createCombinedParser } from './combined.js';

const ACCESS_LOG = fileURLToPath(
  new URL('../../../../../shared/data/logs/apache-combined-access.log', import.meta.url),
);
const UA = '"Mozilla/5.0 (X11; Linux x86_64)"';
const combined = (request: string, status = 200, bytes = '512', tail = ` "-" ${UA}`) =>
  `203.0.113.9 - frank [10/Oct/2000:13:55:36 -0700] "${request}" ${status} ${bytes}${tail}`;

describe('combined and common log lines', () => {
  const parse = createCombinedParser();

  it('reads a combined line into an http event in UTC', () => {
    expect(parse(combined('GET /apache_pb.gif?x=1 HTTP/1.0'))).toEqual({
      kind: 'event',
      event: {
        type: 'http',
        at: '2000-10-10T20:55:36.000Z',
        ip: '203.0.113.9',
        method: 'GET',
        path: '/apache_pb.gif?x=1',
        status: 200,
        bytes: 512,
        user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
      },
    });
  });

  it('reads the common format, a "-" byte count and a "-" user agent', () => {
    expect(parse(combined('HEAD / HTTP/1.1', 304, '-', ''))).toMatchObject({
      event: { method: 'HEAD', path: '/', status: 304, bytes: 0 },
    });
    expect(parse(combined('GET / HTTP/1.1', 200, '1', ' "-" "-"'))).not.toHaveProperty(
      'event.user_agent',
    );
  });

  it('undoes escaped quotes in the request and the user agent', () => {
    const result = parse(combined('GET /a\\"b\\\\ HTTP/1.1', 404, '0', ' "-" "say \\"hi\\""'));
    expect(result).toMatchObject({ event: { path: '/a"b\\', user_agent: 'say "hi"' } });
    // An old server that did not escape: the quote that ends the request is the one before a status.
    expect(parse(combined('GET /a"b HTTP/1.1', 404))).toMatchObject({ event: { path: '/a"b' } });
  });

  it('takes the rest of the line as user agent when its closing quote is missing', () => {
    expect(parse(combined('GET / HTTP/1.1', 200, '5', ' "-" "Googlebot/2.1'))).toMatchObject({
      event: { user_agent: 'Googlebot/2.1' },
    });
  });

  it('reads IPv6 clients and ignores fields after the user agent', () => {
    const line = combined('GET /x HTTP/2.0', 200, '5', ` "-" ${UA} "1.2.3.4" 0.012`);
    expect(parse(line.replace('203.0.113.9', '2001:db8::7'))).toMatchObject({
      event: { ip: '2001:db8::7', path: '/x' },
    });
  });

  it('skips lines with no HTTP request in them', () => {
    expect(parse(combined('-', 408, '-'))).toEqual({ kind: 'skip' });
    expect(parse(combined('\\x16\\x03\\x01\\x02', 400, '226'))).toEqual({ kind: 'skip' });
  });

  it('reports lines it cannot read, naming the part', () => {
    expect(parse('')).toMatchObject({ kind: 'error' });
    expect(parse('just some text')).toMatchObject({ kind: 'error' });
    expect(parse(combined('GET / HTTP/1.1').replace('203.0.113.9', 'example.com'))).toEqual({
      kind: 'error',
      reason: 'not an IP address: example.com',
    });
    expect(parse(combined('GET / HTTP/1.1').replace('10/Oct', '32/Oct'))).toMatchObject({
      reason: 'not a timestamp: 32/Oct/2000:13:55:36 -0700',
    });
    expect(parse(combined('GET / HTTP/1.1', 200, 'lots'))).toMatchObject({
      reason: 'not a byte count: lots',
    });
    expect(parse(combined('GET / HTTP/1.1', 999))).toMatchObject({ kind: 'error' });
  });
});

describe('login requests', () => {
  it('turns a POST to the login path into a login event by status', () => {
    const parse = createCombinedParser();
    const outcome = (request: string, status: number) => {
      const result = parse(combined(request, status));
      return result.kind === 'event' && result.event.type === 'login' ? result.event.outcome : null;
    };
    expect(outcome('POST /login HTTP/1.1', 401)).toBe('bad_password');
    expect(outcome('POST /login?next=/cart HTTP/1.1', 403)).toBe('bad_password');
    expect(outcome('POST /login HTTP/1.1', 302)).toBe('success');
    expect(outcome('POST https://shop.example/login HTTP/1.1', 200)).toBe('success');
    expect(outcome('POST /login HTTP/1.1', 500)).toBeNull();
    expect(outcome('GET /login HTTP/1.1', 401)).toBeNull();
    expect(outcome('POST /login/extra HTTP/1.1', 401)).toBeNull();
    expect(parse(combined('POST /login HTTP/1.1', 401))).toEqual({
      kind: 'event',
      event: {
        type: 'login',
        stream: 'web',
        at: '2000-10-10T20:55:36.000Z',
        ip: '203.0.113.9',
        outcome: 'bad_password',
        user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
      },
    });
  });

  it('follows the configured path, methods and failure statuses', () => {
    const parse = createCombinedParser({
      loginPath: '/account/signin',
      loginMethods: ['POST', 'PUT'],
      failureStatuses: [200],
    });
    expect(parse(combined('PUT /account/signin HTTP/1.1', 200))).toMatchObject({
      event: { type: 'login', outcome: 'bad_password' },
    });
    expect(parse(combined('POST /account/signin HTTP/1.1', 303))).toMatchObject({
      event: { type: 'login', outcome: 'success' },
    });
  });
});

describe('the shared Apache access log', () => {
  const lines = readFileSync(ACCESS_LOG, 'utf8').split('\n').slice(0, -1);
  const parse = createCombinedParser();
  const results = lines.map((line) => parse(line));

  it('reads all 10,000 lines into valid events', () => {
    expect(lines).toHaveLength(10_000);
    expect(results.filter((result) => result.kind !== 'event')).toEqual([]);
    for (const result of results)
      if (result.kind === 'event') expect(eventLine.safeParse(result.event).success).toBe(true);
  });

  it('keeps methods and statuses as the file has them', () => {
    // awk '{print $6}' | sort | uniq -c → 9952 GET, 42 HEAD, 5 POST, 1 OPTIONS
    // awk '{print $9}' → 213 lines with status 404
    const http = results.flatMap((result) =>
      result.kind === 'event' && result.event.type === 'http' ? [result.event] : [],
    );
    expect(http.filter((event) => event.method === 'GET')).toHaveLength(9952);
    expect(http.filter((event) => event.method === 'POST')).toHaveLength(5);
    expect(http.filter((event) => event.status === 404)).toHaveLength(213);
    expect(http[0]).toMatchObject({
      at: '2015-05-17T10:05:03.000Z',
      ip: '83.149.9.216',
      path: '/presentations/logstash-monitorama-2013/images/kibana-search.png',
      bytes: 203023,
    });
  });
});
