import { describe, expect, it } from 'vitest';
import type { LoginEvent } from '../detection.events.js';
import { WindowClock } from '../detection.window.js';
import { addressText, readAddress, type LoginFacts } from './facts.js';
import { SourceTable } from './sources.js';

const WINDOW_MS = 10 * 60_000;
const start = Date.parse('2026-03-10T00:00:00Z');

function login(ip: string, time: number, account: string, outcome: LoginEvent['outcome']) {
  const event: LoginEvent = {
    kind: 'login',
    time,
    stream: 'web',
    account,
    ip,
    userAgent: null,
    outcome,
    country: null,
    asn: null,
  };
  const facts = { event, account, accountHash: Number(account.slice(1)) } as LoginFacts;
  readAddress(facts, ip);
  return facts;
}

const address = (n: number) => `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

describe('source table', () => {
  it('keeps each source’s counts apart', () => {
    const table = new SourceTable(new WindowClock(10), addressText);
    for (let n = 0; n < 5000; n++)
      for (let k = 0; k <= n % 4; k++)
        table.record(address(n), login(address(n), start + n, `a${k}`, 'bad_password'));
    expect(table.size).toBe(5000);
    for (const n of [0, 1, 2, 3, 4999]) {
      const record = table.get(address(n))!;
      expect(record.label).toBe(address(n));
      const view = table.view(record, start + 5000);
      expect(view.failures).toBe((n % 4) + 1);
      expect(view.distinctAccounts).toBe((n % 4) + 1);
    }
  });

  it('reuses the slots of idle sources, so rotating sources do not grow it', () => {
    const table = new SourceTable(new WindowClock(10), addressText);
    // 2,000 new addresses a window for 30 windows: 60,000 sources, never more than two
    // windows of them live.
    for (let w = 0; w < 30; w++)
      for (let n = 0; n < 2000; n++) {
        const ip = address(w * 2000 + n);
        table.record(ip, login(ip, start + w * WINDOW_MS + n * 100, 'a1', 'bad_password'));
      }
    expect(table.size).toBeLessThanOrEqual(8192);
    // The newest window's sources are all still known, with their counts.
    for (let n = 0; n < 2000; n += 97)
      expect(table.view(table.get(address(29 * 2000 + n))!, start + 30 * WINDOW_MS).failures).toBe(
        1,
      );
  });

  it('never reclaims a flagged source, however long it is idle', () => {
    const table = new SourceTable(new WindowClock(10), addressText);
    const flagged = table.record('192.0.2.1', login('192.0.2.1', start, 'a1', 'bad_password'))!;
    flagged.flaggedUntil = start + 1000 * WINDOW_MS;
    for (let w = 1; w < 20; w++)
      for (let n = 0; n < 2000; n++) {
        const ip = address(w * 2000 + n);
        table.record(ip, login(ip, start + w * WINDOW_MS + n * 100, 'a1', 'bad_password'));
      }
    expect(table.get('192.0.2.1')?.flaggedUntil).toBe(start + 1000 * WINDOW_MS);
    expect(table.get('192.0.2.1')?.label).toBe('192.0.2.1');
  });

  it('gives a reclaimed slot to its new source clean: no old counter, flag or alert key', () => {
    const table = new SourceTable(new WindowClock(10), addressText);
    // The first 1,024 sources fill the table; each tries 12 accounts (spilling its counter)
    // and carries an alert key.
    for (let n = 0; n < 1024; n++)
      for (let k = 0; k < 12; k++) {
        const ip = address(n);
        const record = table.record(ip, login(ip, start + n, `a${k}`, 'bad_password'))!;
        record.alertKey = `source_stuffing:ip:${ip}`;
      }
    // Two windows later, 1,024 new sources take their slots.
    const later = start + 3 * WINDOW_MS;
    for (let n = 1024; n < 2048; n++) {
      const ip = address(n);
      const record = table.record(ip, login(ip, later + n, 'a1', 'bad_password'))!;
      expect(record.alertKey).toBeNull();
      expect(table.view(record, later + n).distinctAccounts).toBe(1);
    }
    expect(table.size).toBe(1024);
  });

  it('counts a source from its first failure: successes before it cost nothing', () => {
    const table = new SourceTable(new WindowClock(10), addressText);
    expect(table.record('192.0.2.9', login('192.0.2.9', start, 'a1', 'success'))).toBeNull();
    expect(table.size).toBe(0);
    table.record('192.0.2.9', login('192.0.2.9', start + 1000, 'a2', 'bad_password'));
    table.record('192.0.2.9', login('192.0.2.9', start + 2000, 'a2', 'success'));
    const view = table.view(table.get('192.0.2.9')!, start + 3000);
    expect([view.attempts, view.failures, view.successes]).toEqual([2, 1, 1]);
  });
});
