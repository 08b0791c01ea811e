import { createHash } from 'node:crypto';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';

/**
 * One letter as RFC 5322 bytes: headers, then text and HTML as multipart/alternative, each
 * base64 in UTF-8. A campaign composes hundreds of thousands of letters of one fixed shape,
 * and nodemailer's general composer (streams, every MIME feature) cost about 0.5 ms each,
 * half of the 1,000 a second a campaign must reach; header encoding still uses its helpers.
 */
export function composeLetter(letter: {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  date: Date;
  text: string;
  html: string;
}): Buffer {
  // The boundary must not occur in a part; base64 bodies cannot contain "=_" followed by more.
  const boundary = `=_${createHash('sha256').update(letter.messageId).digest('hex').slice(0, 24)}`;
  const head = [
    `From: ${headerSafe(letter.from)}`,
    `To: ${headerSafe(letter.to)}`,
    foldLines(`Subject: ${encodeWords(headerSafe(letter.subject), 'B', 52)}`),
    `Date: ${rfc5322Date(letter.date)}`,
    `Message-ID: ${headerSafe(letter.messageId)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ].join('\r\n');
  return Buffer.from(
    [
      head,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(letter.text),
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(letter.html),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

/** A header value never carries a line break: that would start a header of the sender's choosing. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');

/** `Wed, 02 Dec 2026 00:48:48 +0000` (RFC 5322 § 3.3), always in UTC. */
export function rfc5322Date(date: Date): string {
  return `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
