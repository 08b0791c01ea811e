import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEventIds } from './event-id.js';
import { createLineParser, eventsOf } from './index.js';

const referenceTime = new Date('2026-05-01T00:00:00Z');
const failedLine = 'Mar 27 13:06:56 h sshd[7]: Failed password for root from 1.2.3.4 port 2 ssh2';
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

describe('event ids', () => {
  it('hashes the format and the line, and counts identical lines', () => {
    const ids = createEventIds('sshd');
    const base = digest(`sshd\n${failedLine}`);
    expect([ids.next(failedLine), ids.next('other'), ids.next(failedLine)]).toEqual([
      `${base}:0`,
      `${digest('sshd\nother')}:0`,
      `${base}:1`,
    ]);
    expect(createEventIds('sshd').next(failedLine)).toBe(`${base}:0`);
    expect(createEventIds('json').next(failedLine)).not.toBe(`${base}:0`);
  });

  it('gives each event of a repeated message its own id, stable across runs', () => {
    const repeated = failedLine.replace('Failed', 'message repeated 2 times: [ Failed') + ']';
    const run = () => {
      const parser = createLineParser('sshd', { referenceTime });
      return [failedLine, repeated, failedLine]
        .flatMap((line) => eventsOf(parser.parse(line)))
        .map((event) => event.id);
    };
    const ids = run();
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(run()).toEqual(ids);
    expect(ids[3]).toBe(`${digest(`sshd\n${failedLine}`)}:1`);
  });
});

describe('event id memory', () => {
  it('stays bounded and still tells neighbouring identical lines apart', () => {
    const ids = createEventIds('json');
    for (let index = 0; index < 250_000; index++) ids.next(`line ${index}`);
    expect(ids.next('line 249999')).toBe(`${digest('json\nline 249999')}:1`);
  });
});
