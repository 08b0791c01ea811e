import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/support/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp.js';
import { createWorker } from '../jobs/jobs.worker.js';
import { openRuntime, type Runtime } from '../server/runtime.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { EMAIL_SEND_JOB } from './mail.jobs.js';

/** Enough of RFC 2045 to read a text/plain body nodemailer encoded as quoted-printable. */
function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe(`queued email through the runtime (${testDialect})`, () => {
  let test: TestDatabase;
  let smtp: TestSmtpServer;
  let runtime: Runtime;

  beforeEach(async () => {
    test = await createTestDatabase();
    smtp = await startSmtpServer();
    runtime = await openRuntime(
      loadConfig(
        {},
        {
          dataDir: test.dataDir,
          databaseUrl: test.databaseUrl,
          masterKey: randomBytes(32).toString('base64'),
          smtpUrl: smtp.url,
          mailFrom: 'Cordon <cordon@shop.test>',
          logLevel: 'silent',
        },
      ),
    );
  });
  afterEach(async () => {
    await runtime.close();
    await smtp.close();
    await test.cleanup();
  });

  it('stores only a sealed payload, and the worker still delivers the message', async () => {
    const link = 'https://cordon.test/invite#token=Zm9vYmFyYmF6cXV4';
    await runtime.mail.send({
      to: 'grace@example.com',
      subject: 'You are invited to Cordon',
      text: `Hello Grace, set your password here: ${link}`,
    });

    const rows = await runtime.db.kysely.selectFrom('jobs').selectAll().execute();
    expect(rows.map((row) => row.name)).toEqual([EMAIL_SEND_JOB]);
    const stored = JSON.stringify(rows);
    for (const secret of ['grace@example.com', 'Grace', 'invited', link, 'Zm9vYmFyYmF6cXV4'])
      expect(stored).not.toContain(secret);
    expect(Object.keys(JSON.parse(rows[0]?.payload ?? '{}') as object)).toEqual(['sealed']);

    const worker = createWorker({
      db: runtime.db,
      clock: systemClock,
      queue: runtime.queue,
      registry: runtime.registry,
      logger: quiet,
    });
    expect(await worker.runOnce()).toBe(1);

    const job = await runtime.queue.getJob(rows[0]?.id ?? '');
    expect(job).toMatchObject({ status: 'succeeded', lastError: null });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.to).toEqual(['grace@example.com']);
    expect(message?.raw).toMatch(/^Subject: You are invited to Cordon\r$/m);
    expect(decodeQuotedPrintable(message?.raw ?? '')).toContain(link);
    expect(message?.raw).toMatch(
      new RegExp(`^Message-ID: <job\\.${job?.id}@shop\\.test>\\r$`, 'm'),
    );
  });
});
