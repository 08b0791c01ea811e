import { describe, expect, it } from 'vitest';
import { composeLetter, rfc5322Date } from './breach.campaigns.mime.js';

const letter = {
  from: 'ShopCo Privacy <privacy@shopco.example>',
  to: 'anna@example.de',
  subject: 'Benachrichtigung über eine Verletzung des Schutzes Ihrer Daten bei ShopCo',
  messageId: '<breach.c1.7@shopco.example>',
  date: new Date('2026-03-20T09:05:03Z'),
  text: 'Hallo Anna,\n\nÄrgerlich, aber wahr.\n',
  html: '<p>Hallo Anna</p>',
};

/** The part of a raw message with the given content type, decoded from base64. */
function part(raw: string, type: string): string {
  const match = new RegExp(
    `Content-Type: ${type}; charset=utf-8\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\n([A-Za-z0-9+/=\\r\\n]+?)\\r\\n--`,
  ).exec(raw);
  return Buffer.from(match![1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
}

describe('composeLetter', () => {
  it('writes headers and both parts with CRLF line ends, UTF-8 intact', () => {
    const raw = composeLetter(letter).toString('utf8');
    expect(raw.split('\r\n\r\n')[0]).toContain('Message-ID: <breach.c1.7@shopco.example>');
    expect(raw).toContain('Date: Fri, 20 Mar 2026 09:05:03 +0000');
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(part(raw, 'text/plain')).toBe(letter.text);
    expect(part(raw, 'text/html')).toBe(letter.html);
    // Every line within the 78 characters RFC 5322 asks for.
    expect(raw.split('\r\n').every((line) => line.length <= 78)).toBe(true);
  });

  it('encodes a non-ASCII subject as MIME words', () => {
    const subject = /^Subject: (.*(?:\r\n .*)*)/m.exec(composeLetter(letter).toString())![1]!;
    expect(subject).toContain('=?UTF-8?B?');
    // Unfolding drops the CRLF only (RFC 5322 § 2.2.3); space between two encoded words goes.
    const decoded = subject
      .replace(/\r\n/g, '')
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_m, b64: string) =>
        Buffer.from(b64, 'base64').toString('utf8'),
      );
    expect(decoded).toBe(letter.subject);
  });

  it('lets no value start a header of its own', () => {
    const raw = composeLetter({
      ...letter,
      subject: 'Notice\r\nBcc: everyone@example.com',
      to: 'anna@example.de\r\nX-Injected: yes',
    }).toString();
    const head = raw.split('\r\n\r\n')[0]!;
    expect(head).not.toMatch(/^Bcc:/m);
    expect(head).not.toMatch(/^X-Injected:/m);
  });

  it('formats dates as RFC 5322 wants them', () => {
    expect(rfc5322Date(new Date('2026-12-02T00:48:48Z'))).toBe('Wed, 02 Dec 2026 00:48:48 +0000');
  });
});
