import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp.js';
import { createJobRegistry, PermanentJobError } from '../jobs/jobs.registry.js';
import { createManualClock } from './clock.js';
import { createSecretBox } from './crypto.js';
import { ValidationError } from './errors.js';
import {
  createQueuedMail,
  EMAIL_SEND_JOB,
  registerMailJobs,
  type QueuedMail,
} from './mail.jobs.js';
import { createMailer, type Mailer } from './mailer.js';

const signal = new AbortController().signal;
const secretBox = createSecretBox(randomBytes(32));
const invitation = {
  to: 'dave@example.com',
  subject: 'Join the team',
  text: 'Hello Dave, accept here: https://cordon.test/invite#token=tok_s3cret',
};

/** createQueuedMail over a queue that only records what it was given. */
function fakeQueuedMail() {
  const queued: Array<{ name: string; payload: unknown; options: unknown }> = [];
  const mail = createQueuedMail(
    {
      enqueue: async (name, payload, options) => {
        queued.push({ name, payload, options });
      },
    },
    secretBox,
  );
  return { queued, mail };
}

async function sealedPayload(message: Parameters<QueuedMail['send']>[0]): Promise<unknown> {
  const { queued, mail } = fakeQueuedMail();
  await mail.send(message);
  return queued[0]?.payload;
}

describe('mailer', () => {
  let dataDir: string;
  let mailer: Mailer | undefined;
  let smtp: TestSmtpServer | undefined;

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

  it('seals queued mail: the payload holds neither the address, the subject nor the body', async () => {
    const { queued, mail } = fakeQueuedMail();
    await mail.send(invitation, { idempotencyKey: 'invite-42' });
    await mail.send(invitation);

    expect(queued.map((q) => q.name)).toEqual([EMAIL_SEND_JOB, EMAIL_SEND_JOB]);
    expect(queued[0]?.options).toEqual({ idempotencyKey: 'invite-42' });
    const stored = JSON.stringify(queued.map((q) => q.payload));
    for (const secret of ['dave@example.com', 'Join the team', 'tok_s3cret', 'Hello'])
      expect(stored).not.toContain(secret);
    expect(Object.keys(queued[0]?.payload as object)).toEqual(['sealed']);
    // A fresh nonce each time: two copies of one message do not even look alike.
    expect(queued[0]?.payload).not.toEqual(queued[1]?.payload);
    const registry = createJobRegistry();
    registerMailJobs(registry, {
      mailer: { send: () => Promise.reject(new Error('unused')) },
      secretBox,
    });
    expect(() => registry.validate(EMAIL_SEND_JOB, queued[0]?.payload)).not.toThrow();
    // The clear-text shape is no longer a valid payload.
    expect(() => registry.validate(EMAIL_SEND_JOB, { ...invitation })).toThrow(/Invalid payload/);
  });

  it('refuses an invalid message before sealing, without quoting it', async () => {
    const { queued, mail } = fakeQueuedMail();
    const bad = mail.send({ to: 'not-an-address', subject: 's', text: 't' });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({ issues: [{ field: 'message.to' }] });
    const injected = mail.send({ to: 'a@b.test', subject: 'a\r\nBcc: x@y.test', text: 't' });
    await expect(injected).rejects.toMatchObject({ issues: [{ field: 'message.subject' }] });
    const error = await injected.catch((caught: unknown) => caught);
    expect(JSON.stringify(error)).not.toContain('x@y.test');
    expect(queued).toEqual([]);
  });

  it('opens sealed jobs and sends them with a Message-ID derived from the job id', async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, dataDir, mailFrom: 'cordon@shop.test' });
    const registry = createJobRegistry();
    registerMailJobs(registry, { mailer, secretBox });
    const job = registry.get(EMAIL_SEND_JOB);
    expect(job?.maxAttempts).toBeGreaterThan(1);

    const payload = await sealedPayload(invitation);
    await job?.handle(payload, { jobId: 'abc-123', attempt: 1, signal });
    await job?.handle(payload, { jobId: 'abc-123', attempt: 2, signal });
    const ids = smtp.received.map((m) => /^Message-ID: (.*)\r$/m.exec(m.raw)?.[1]);
    expect(ids).toEqual(['<job.abc-123@shop.test>', '<job.abc-123@shop.test>']);
    expect(smtp.received[0]?.to).toEqual(['dave@example.com']);
    expect(smtp.received[0]?.raw).toMatch(/^Subject: Join the team\r$/m);
    expect(smtp.received[0]?.raw).toContain('/invite#token=tok_s3cret');
  });

  it('dead-letters a sealed message that does not open, without sending anything', async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, dataDir, mailFrom: 'cordon@shop.test' });
    const registry = createJobRegistry();
    registerMailJobs(registry, { mailer, secretBox });
    const job = registry.get(EMAIL_SEND_JOB);
    const otherKey = createSecretBox(randomBytes(32));
    const candidates = [
      { sealed: otherKey.seal(JSON.stringify(invitation), EMAIL_SEND_JOB) },
      { sealed: secretBox.seal(JSON.stringify(invitation), 'mfa-secret') },
      { sealed: secretBox.seal('not json', EMAIL_SEND_JOB) },
      { sealed: secretBox.seal(JSON.stringify({ ...invitation, to: 'nope' }), EMAIL_SEND_JOB) },
    ];
    for (const payload of candidates) {
      const failure = await job?.handle(payload, { jobId: 'j0', attempt: 1, signal }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(PermanentJobError);
      expect((failure as Error).message).not.toMatch(/dave|nope|tok_s3cret/);
    }
    expect(smtp.received).toEqual([]);
  });

  it('turns a refused recipient into a permanent failure that does not quote the address', async () => {
    smtp = await startSmtpServer({ reject: true });
    mailer = createMailer({ smtpUrl: smtp.url, dataDir, mailFrom: 'cordon@shop.test' });
    const registry = createJobRegistry();
    registerMailJobs(registry, { mailer, secretBox });
    const payload = await sealedPayload({ to: 'erin@example.com', subject: 'Hi', text: 'Body' });

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
    registerMailJobs(registry, { mailer, secretBox });
    const payload = await sealedPayload({ to: 'frank@example.com', subject: 'Hi', text: 'Body' });
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
