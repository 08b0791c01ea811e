import {
  apiAccessEventLine,
  eventLine,
  httpEventLine,
  loginEventLine,
} from '../../../contracts/detection.js';
import { ValidationError } from '../../../lib/errors.js';
import { LOGIN_OUTCOMES, type LoginOutcome } from '../detection.events.js';
import {
  failure,
  isoToMs,
  type LineParse,
  printable,
  skip,
  type WallClock,
} from './parse.types.js';

type EventType = 'login' | 'api_access' | 'http';

export interface JsonLinesParserOptions {
  /** EventLine field → dotted path in the source line, e.g. `{ ip: 'source.ip' }`. */
  map?: Record<string, string>;
  /** Forces the event type; otherwise the line's own (mapped) `type`, else `login`. */
  type?: EventType;
  /** Source outcome → contract outcome, e.g. `{ failure: 'bad_password' }`. */
  outcomeMap?: Record<string, LoginOutcome>;
}

const FIELDS: Record<EventType, readonly string[]> = {
  login: Object.keys(loginEventLine.shape),
  api_access: Object.keys(apiAccessEventLine.shape),
  http: Object.keys(httpEventLine.shape),
};
const ALL_FIELDS = [...new Set(Object.values(FIELDS).flat())];
const NUMBER_FIELDS = new Set(['status', 'bytes', 'records', 'asn']);
const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;
/** Epoch numbers below this are seconds (it is 1973 in milliseconds, year 5138 in seconds). */
const EPOCH_SECONDS_BELOW = 1e11;
// A time without an offset is refused rather than guessed: JSON logs come from anywhere.
const noLocalTime: WallClock = { toWall: () => NaN, toUtc: () => NaN };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A dotted path; a key that itself contains dots (flattened ECS, "source.ip") wins. */
function valueAt(source: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(source, path)) return source[path];
  let current: unknown = source;
  for (const segment of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function toInstant(value: unknown): unknown {
  let ms: number | undefined;
  if (typeof value === 'number') ms = value < EPOCH_SECONDS_BELOW ? value * 1000 : value;
  else if (typeof value === 'string') ms = isoToMs(value, noLocalTime);
  // Out-of-range values stay as they are, for the schema to name.
  if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return value;
  return new Date(Math.floor(ms)).toISOString();
}

export function createJsonLinesParser(options: JsonLinesParserOptions = {}): LineParse {
  const map = options.map ?? {};
  const mapped = Object.keys(map).length > 0;
  const outcomeMap = options.outcomeMap ?? {};

  function coerce(field: string, value: unknown): unknown {
    if (field === 'at') return toInstant(value);
    if (field === 'outcome' && typeof value === 'string')
      return outcomeMap[value] ?? outcomeMap[value.toLowerCase()] ?? value;
    if (NUMBER_FIELDS.has(field))
      return typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : value;
    if (typeof value === 'number' && field !== 'categories') return String(value);
    return value;
  }

  return (line) => {
    if (line.trim() === '') return skip;
    let source: unknown;
    try {
      source = JSON.parse(line);
    } catch (error) {
      return failure(`not JSON: ${(error as Error).message}`);
    }
    if (!isRecord(source)) return failure('not a JSON object');

    const type = options.type ?? (map.type ? valueAt(source, map.type) : source.type) ?? 'login';
    if (typeof type !== 'string' || !Object.hasOwn(FIELDS, type))
      return failure(
        `type: must be login, api_access or http, not ${printable(JSON.stringify(type))}`,
      );

    // Without a mapping the line is taken whole, so a misspelt field is reported, not dropped.
    const candidate: Record<string, unknown> = mapped ? { type } : { ...source, type };
    for (const field of FIELDS[type as EventType]) {
      if (field === 'type') continue;
      const path = map[field];
      const value = path === undefined ? source[field] : valueAt(source, path);
      if (path === undefined && !Object.hasOwn(source, field)) continue;
      if (value === undefined || value === null) delete candidate[field];
      else candidate[field] = coerce(field, value);
    }

    const parsed = eventLine.safeParse(candidate);
    if (parsed.success) return { kind: 'event', event: parsed.data };
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    if (field === '') return failure(issue.message);
    const from = map[String(issue.path[0])];
    return failure(`${field}${from ? ` (from ${from})` : ''}: ${issue.message}`);
  };
}

function splitPairs(text: string, option: string): Array<[string, string]> {
  const refuse = (message: string) => ValidationError.forField(option, message);
  const pairs: Array<[string, string]> = [];
  for (const [index, part] of text.split(',').entries()) {
    const equals = part.indexOf('=');
    const key = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (equals === -1 || key === '' || value === '')
      throw refuse(`entry ${index + 1} ("${printable(part)}") must look like name=value`);
    if (pairs.some(([known]) => known === key)) throw refuse(`"${printable(key)}" is given twice`);
    pairs.push([key, value]);
  }
  return pairs;
}

/** Reads `at=@timestamp,account=user.name` into a field map; throws a ValidationError. */
export function parseMappingOption(text: string, option = 'map'): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [field, path] of splitPairs(text, option)) {
    if (!ALL_FIELDS.includes(field))
      throw ValidationError.forField(
        option,
        `"${printable(field)}" in "${printable(`${field}=${path}`)}" is not an event field; use one of ${ALL_FIELDS.join(', ')}`,
      );
    if (path.split('.').some((segment) => segment === ''))
      throw ValidationError.forField(option, `"${printable(path)}" has an empty path segment`);
    map[field] = path;
  }
  return map;
}

/** Reads `failure=bad_password,ok=success` into an outcome map; throws a ValidationError. */
export function parseOutcomeMapOption(
  text: string,
  option = 'outcome-map',
): Record<string, LoginOutcome> {
  const outcomes: Record<string, LoginOutcome> = {};
  for (const [source, outcome] of splitPairs(text, option)) {
    if (!(LOGIN_OUTCOMES as readonly string[]).includes(outcome))
      throw ValidationError.forField(
        option,
        `"${printable(outcome)}" for "${printable(source)}" is not an outcome; use one of ${LOGIN_OUTCOMES.join(', ')}`,
      );
    outcomes[source] = outcome as LoginOutcome;
  }
  return outcomes;
}
