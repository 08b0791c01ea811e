import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobRegistry, PermanentJobError } from '../jobs/jobs.registry.js';
import { createManualClock } from './clock.js';
import { EMAIL_SEND_JOB, registerMailJobs } from './mail.jobs.js';
import { createMailer, type Mailer } from './mailer.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a random local port; `reject` makes it refuse every recipient. */
async function startSmtpServer(options: { reject?: boolean } = {}) {
  const received: Received[] = [];
  const handlers: Partial<SMTPServerOptions> = {
    onRcptTo(address, _session, callback) {
      if (!options.reject) return callback();
      const error = Object.assign(new Error(`<${address.address}>: Recipient address rejected`), {
        responseCode: 550,
      });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...handlers,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const signal = new AbortController().signal;

describe('mailer', () => {
  let dataDir: string;
  let mailer: Mailer | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cordon-mail-'));
  });
  afterEach(async () => {
    mailer?.close();
    mailer = undefined;
    await smtp?.close();
    smtp = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers through SMTP when a URL is configured', async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, dataDir, mailFrom: 'Cordon <cordon@shop.test>' });
    const sent = await mailer.send({
      to: 'alice@example.com',
      subject: 'Important notice about your account',
      text: 'Hello Alice',
      html: '<p>Hello Alice</p>',
    });

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.from).toBe('cordon@shop.test');
    expect(message?.to).toEqual(['alice@example.com']);
    expect(message?.raw).toMatch(/^Subject: Important notice about your account\r$/m);
    expect(message?.raw).toMatch(/^To: alice@example\.com\r$/m);
    expect(message?.raw).toContain(`Message-ID: ${sent.messageId}`);
    expect(message?.raw).toContain('Content-Type: multipart/alternative');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('writes complete .eml files to the outbox when SMTP is not configured', async () => {
    const clock = createManualClock(new Date('2026-03-12T08:09:10.123Z'));
    mailer = createMailer({ dataDir, mailFrom: 'Cordon <cordon@shop.test>', clock });
    const sent = await mailer.send({
      to: 'bob@example.com',
      subject: 'Your password was changed',
      text: 'If this was not you, contact us.',
      idempotencyKey: 'job.1234',
    });
    expect(sent.messageId).toBe('<job.1234@shop.test>');
    await mailer.send({ to: 'carol@example.com', subject: 'Second', text: 'x' });

    const outbox = path.join(dataDir, 'outbox');
    const files = readdirSync(outbox).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^2026-03-12T080910\.123Z-[A-Za-z0-9._@-]+\.eml$/.test(f))).toBe(
      true,
    );
    expect(files).toContain('2026-03-12T080910.123Z-job.1234@shop.test.eml');

    const file = path.join(outbox, '2026-03-12T080910.123Z-job.1234@shop.test.eml');
    const eml = readFileSync(file, 'utf8');
    expect(eml).toMatch(/^From: Cordon <cordon@shop\.test>\r$/m);
    expect(eml).toMatch(/^To: bob@example\.com\r$/m);
    expect(eml).toMatch(/^Subject: Your password was changed\r$/m);
    expect(eml).toMatch(/^Message-ID: <job\.1234@shop\.test>\r$/m);
    expect(eml).toContain('If this was not you, contact us.');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('sends email.send jobs with a Message-ID derived from the job id', async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, dataDir, mailFrom: 'cordon@shop.test' });
    const registry = createJobRegistry();
    registerMailJobs(registry, { mailer });
    const job = registry.get(EMAIL_SEND_JOB);
    expect(job?.maxAttempts).toBeGreaterThan(1);

    expect(() =>
      registry.validate(EMAIL_SEND_JOB, { to: 'nope', subject: 's', text: 't' }),
    ).toThrow(/Invalid payload/);
    expect(() =>
      registry.validate(EMAIL_SEND_JOB, {
        to: 'a@b.test',
        subject: 'a\r\nBcc: x@y.test',
        text: 't',
      }),
    ).toThrow(/Invalid payload/);

    const payload = { to: 'dave@example.com', subject: 'Hi', text: 'Body' };
    await job?.handle(payload, { jobId: 'abc-123', attempt: 1, signal });
    await job?.handle(payload, { jobId: 'abc-123', attempt: 2, signal });
    const ids = smtp.received.map((m) => /^Message-ID: (.*)\r$/m.exec(m.raw)?.[1]);
    expect(ids).toEqual(['<job.abc-123@shop.test>', '<job.abc-123@shop.test>']);
  });

  it('turns a refused recipient into a permanent failure that does not quote the address', async () => {
    smtp = await startSmtpServer({ reject: true });
    mailer = createMailer({ smtpUrl: smtp.url, dataDir, mailFrom: 'cordon@shop.test' });
    const registry = createJobRegistry();
    registerMailJobs(registry, { mailer });
    const payload = { to: 'erin@example.com', subject: 'Hi', text: 'Body' };

    const failure = await registry
      .get(EMAIL_SEND_JOB)
      ?.handle(payload, { jobId: 'j1', attempt: 1, signal })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(PermanentJobError);
    expect((failure as Error).message).not.toContain('erin@example.com');
    expect((failure as Error).message).toContain('<address>');
  });

  it('treats an unreachable server as a retryable failure', async () => {
    const closed = await startSmtpServer();
    const url = closed.url;
    await closed.close();
    mailer = createMailer({ smtpUrl: url, dataDir, mailFrom: 'cordon@shop.test' });
    const registry = createJobRegistry();
    registerMailJobs(registry, { mailer });
    const payload = { to: 'frank@example.com', subject: 'Hi', text: 'Body' };
    const failure = await registry
      .get(EMAIL_SEND_JOB)
      ?.handle(payload, { jobId: 'j2', attempt: 1, signal })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentJobError);
  });
});
