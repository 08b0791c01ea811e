import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lib/errors.js';
import { createJsonLinesParser, parseMappingOption, parseOutcomeMapOption } from './jsonl.js';

const ecs = {
  '@timestamp': '2026-03-10T03:00:00.250+01:00',
  user: { name: 'alice@example.com' },
  source: { ip: '198.51.100.4' },
  event: { outcome: 'failure', category: 'authentication' },
  message: 'login failed',
};
const ecsMap = {
  at: '@timestamp',
  account: 'user.name',
  ip: 'source.ip',
  outcome: 'event.outcome',
};

/** Runs `parse` and returns the ValidationError it must throw. */
function refusal(parse: () => unknown): ValidationError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('JSON lines with a field mapping', () => {
  it('maps dotted paths, converts the time to UTC and maps outcomes', () => {
    const parse = createJsonLinesParser({ map: ecsMap, outcomeMap: { failure: 'bad_password' } });
    expect(parse(JSON.stringify(ecs))).toEqual({
      kind: 'event',
      event: {
        type: 'login',
        stream: 'web',
        at: '2026-03-10T02:00:00.250Z',
        account: 'alice@example.com',
        ip: '198.51.100.4',
        outcome: 'bad_password',
      },
    });
  });

  it('passes a line already in EventLine shape with an empty map, and keeps its id', () => {
    const parse = createJsonLinesParser();
    const line = {
      id: 'shop-1',
      type: 'http',
      at: '2026-03-10T02:00:00Z',
      ip: '2001:db8::1',
      method: 'GET',
      path: '/cart',
      status: 200,
    };
    expect(parse(JSON.stringify(line))).toEqual({
      kind: 'event',
      event: { ...line, at: '2026-03-10T02:00:00.000Z', bytes: 0 },
    });
  });

  it('takes flattened keys, epoch times and numeric strings', () => {
    const parse = createJsonLinesParser({
      type: 'http',
      map: { at: 'ts', ip: 'source.ip', method: 'req.method', path: 'req.path', status: 'status' },
    });
    const line = {
      ts: 1_773_108_000,
      'source.ip': '192.0.2.1',
      req: { method: 'POST', path: '/login' },
      status: '401',
    };
    expect(parse(JSON.stringify(line))).toMatchObject({
      event: { type: 'http', at: '2026-03-10T02:00:00.000Z', ip: '192.0.2.1', status: 401 },
    });
  });

  it('names the field, and its source path, when the mapped line is not an event', () => {
    const parse = createJsonLinesParser({ map: ecsMap });
    expect(parse(JSON.stringify({ ...ecs, '@timestamp': 'yesterday' }))).toEqual({
      kind: 'error',
      reason: 'at (from @timestamp): must be an ISO-8601 date-time',
    });
    expect(parse(JSON.stringify({ ...ecs, source: {} }))).toMatchObject({
      reason: expect.stringMatching(/^ip \(from source\.ip\): /),
    });
    expect(parse(JSON.stringify({ ...ecs, '@timestamp': '2026-03-10T03:00:00' }))).toMatchObject({
      reason: expect.stringMatching(/^at /),
    });
  });

  it('reports what is not JSON, not an object or of an unknown type', () => {
    const parse = createJsonLinesParser();
    expect(parse('{"at":')).toMatchObject({
      kind: 'error',
      reason: expect.stringMatching(/^not JSON/),
    });
    expect(parse('[1,2]')).toEqual({ kind: 'error', reason: 'not a JSON object' });
    expect(parse('{"type":"ftp"}')).toMatchObject({ reason: expect.stringMatching(/^type: /) });
    expect(
      parse(
        '{"type":"login","at":"2026-03-10T02:00:00Z","ip":"1.2.3.4","outcome":"success","usr":"a"}',
      ),
    ).toMatchObject({ kind: 'error', reason: expect.stringContaining('usr') });
    expect(parse('   ')).toEqual({ kind: 'skip' });
  });
});

describe('parseMappingOption', () => {
  it('reads field=path pairs', () => {
    expect(parseMappingOption('at=@timestamp, account=user.name,ip=source.ip')).toEqual({
      at: '@timestamp',
      account: 'user.name',
      ip: 'source.ip',
    });
  });

  it.each([
    ['at', 'entry 1 ("at") must look like name=value'],
    ['at=@timestamp,,ip=x', 'entry 2 ("") must look like name=value'],
    ['at=', 'entry 1 ("at=") must look like name=value'],
    ['at=a,at=b', '"at" is given twice'],
    ['when=@timestamp', '"when" in "when=@timestamp" is not an event field'],
    ['ip=source..ip', '"source..ip" has an empty path segment'],
  ])('refuses %j', (text, message) => {
    const error = refusal(() => parseMappingOption(text));
    expect(error.message).toContain(message);
    expect(error.issues[0]?.field).toBe('map');
  });

  it('reads an outcome map and refuses unknown outcomes', () => {
    expect(parseOutcomeMapOption('failure=bad_password,success=success')).toEqual({
      failure: 'bad_password',
      success: 'success',
    });
    expect(refusal(() => parseOutcomeMapOption('failure=nope')).message).toContain(
      '"nope" for "failure" is not an outcome',
    );
  });
});
