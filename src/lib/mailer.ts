import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { systemClock, type Clock } from './clock.js';

export interface MailerOptions {
  /** smtp:// or smtps:// URL; nodemailer options such as `?pool=true` go in its query. */
  smtpUrl?: string | undefined;
  dataDir: string;
  mailFrom: string;
  clock?: Clock;
}

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra header fields (list headers); validated by `emailMessage` before a message is queued. */
  headers?: Record<string, string> | undefined;
  /**
   * Makes the Message-ID deterministic (`<key@from-domain>`), so a message sent twice by a
   * retried job is recognisably the same message to receiving servers and to the outbox.
   */
  idempotencyKey?: string | undefined;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Sends through SMTP when configured; otherwise writes RFC 5322 `.eml` files to
 * `<dataDir>/outbox/`, so the embedded deployment works with no mail server at all.
 * Nothing here logs: addresses and bodies are personal data.
 */
export function createMailer(options: MailerOptions): Mailer {
  const domain = addressDomain(options.mailFrom);
  const compose = (message: MailMessage): Mail.Options => {
    const key = message.idempotencyKey;
    if (key !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(key)) {
      throw new Error('idempotencyKey may only contain letters, digits, dot, dash and underscore');
    }
    return {
      from: options.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
      ...(message.headers === undefined ? {} : { headers: message.headers }),
      ...(key === undefined ? {} : { messageId: `<${key}@${domain}>` }),
    };
  };
  return options.smtpUrl
    ? createSmtpMailer(options.smtpUrl, compose)
    : createOutboxMailer(
        path.join(options.dataDir, 'outbox'),
        options.clock ?? systemClock,
        compose,
      );
}

/** A message composed by its sender, with the envelope SMTP delivers it by. */
export interface RawMessage {
  from: string;
  to: string;
  /** `<id@domain>`, as in the message's own header; names the outbox file. */
  messageId: string;
  raw: Buffer;
}

export interface BulkMailer {
  sendRaw(message: RawMessage): Promise<void>;
  close(): void;
}

/**
 * For campaigns: a pool of SMTP connections with a shared rate limit (nodemailer's), sending
 * messages composed elsewhere; without SMTP, the same outbox folder as `createMailer`.
 */
export function createBulkMailer(
  options: MailerOptions & { connections: number; ratePerSecond: number },
): BulkMailer {
  if (!options.smtpUrl) {
    const outbox = outboxFolder(path.join(options.dataDir, 'outbox'));
    const clock = options.clock ?? systemClock;
    return {
      async sendRaw(message) {
        // Named by day and Message-ID: a resend of the same letter replaces its file.
        const day = clock.now().toISOString().slice(0, 10);
        await outbox.write(`${day}-${fileSafe(message.messageId)}.eml`, message.raw);
      },
      close: () => undefined,
    };
  }
  // Pool settings go in the URL's query, as an operator's own would (`?pool=true`).
  const url = new URL(options.smtpUrl);
  url.searchParams.set('pool', 'true');
  url.searchParams.set('maxConnections', String(options.connections));
  url.searchParams.set('maxMessages', 'Infinity');
  if (options.ratePerSecond > 0) {
    url.searchParams.set('rateDelta', '1000');
    url.searchParams.set('rateLimit', String(options.ratePerSecond));
  }
  const transport = nodemailer.createTransport(url.toString());
  return {
    async sendRaw(message) {
      await transport.sendMail({
        envelope: { from: message.from, to: [message.to] },
        raw: message.raw,
      });
    },
    close: () => transport.close(),
  };
}

function createSmtpMailer(url: string, compose: (message: MailMessage) => Mail.Options): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      const info = await transport.sendMail(compose(message));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

function createOutboxMailer(
  directory: string,
  clock: Clock,
  compose: (message: MailMessage) => Mail.Options,
): Mailer {
  // CRLF line ends make each file byte-for-byte what an SMTP server would have received.
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  const outbox = outboxFolder(directory);

  return {
    async send(message) {
      const info = await transport.sendMail(compose(message));
      if (!Buffer.isBuffer(info.message)) throw new Error('Expected a buffered message');
      const stamp = clock.now().toISOString().replace(/:/g, '');
      await outbox.write(`${stamp}-${fileSafe(info.messageId)}.eml`, info.message);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/** The outbox directory, created (owner-only) on the first message. */
function outboxFolder(directory: string) {
  let ready: Promise<unknown> | undefined;
  return {
    async write(name: string, content: Buffer): Promise<void> {
      ready ??= mkdir(directory, { recursive: true, mode: 0o700 });
      await ready;
      await writeAtomically(path.join(directory, name), content);
    },
  };
}

/**
 * Writes to a hidden temporary file in the same directory, flushes it, then renames it into
 * place: whoever watches the outbox for `*.eml` only ever sees complete messages.
 */
async function writeAtomically(target: string, content: Buffer): Promise<void> {
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomUUID()}.tmp`,
  );
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function fileSafe(messageId: string): string {
  return messageId
    .replace(/^<|>$/g, '')
    .replace(/[^A-Za-z0-9._@-]/g, '_')
    .slice(0, 150);
}

/**
 * What an SMTP failure says, fit to store: replies often quote the recipient, so addresses
 * are masked; a 5xx reply (or a refused envelope with no reply code) is permanent, and
 * retrying cannot help; a 4xx reply is temporary.
 */
export function smtpFailure(error: unknown): { message: string; permanent: boolean } {
  const details = error as { message?: unknown; responseCode?: unknown; code?: unknown };
  const raw = typeof details.message === 'string' ? details.message : String(error);
  const message = raw.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>');
  const code = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  // A refused envelope is permanent unless the reply was a 4xx: "try again later".
  const permanent = code !== undefined ? code >= 500 : details.code === 'EENVELOPE';
  return { message, permanent };
}

/** The domain of a From address (`Shop <privacy@shop.example>` → `shop.example`). */
export function addressDomain(mailFrom: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom);
  return match?.[1] ?? 'localhost';
}
