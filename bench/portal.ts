import { chromium } from 'playwright-core';
import { sendJson, signIn } from './support/api.js';
import { createInstance, formatCount } from './support/instance.js';
import type { RunningServer } from './support/server.js';

/**
 * Vendor portal load time (issue 4): for each built-in questionnaire (the demo's vendors get the
 * full one), sends an assessment, then opens its link in a fresh Chromium context (no cache,
 * no cookies) and times navigation until the first question can be answered. Target: < 1 s.
 */
const RUNS = 5;

export async function runPortalBench(): Promise<void> {
  const instance = await createInstance({ postgres: false });
  let server: RunningServer | undefined;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    server = await instance.start();
    const url = server.url;
    const session = await signIn(url);
    const json = session;
    const vendor = await sendJson<{ id: string }>(`${url}/api/v1/vendors`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ legalName: 'Authenticator Inc.' }),
      expect: 201,
    });
    const templates = await sendJson<{ id: string; key: string; questionCount: number }[]>(
      `${url}/api/v1/questionnaires`,
      { headers: session },
    );
    for (const template of templates) {
      const assessment = await sendJson<{ id: string }>(
        `${url}/api/v1/vendors/${vendor.id}/assessments`,
        {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
            recipientEmail: 'security@authenticator.example',
            templateId: template.id,
          }),
          expect: 201,
        },
      );
      const { cookie, 'x-csrf-token': csrf } = session;
      const sent = await sendJson<{ url: string }>(
        `${url}/api/v1/assessments/${assessment.id}/send`,
        { method: 'POST', headers: { cookie: cookie!, 'x-csrf-token': csrf! } },
      );
      const link = new URL(sent.url);
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const context = await browser.newContext({ baseURL: url });
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${link.pathname}${link.hash}`);
        await page.getByRole('radiogroup').first().waitFor();
        times.push(performance.now() - started);
        await context.close();
      }
      times.sort((a, b) => a - b);
      console.log(
        `portal, ${template.key} (${template.questionCount} questions): first question ready after ` +
          `median ${formatCount(times[Math.floor(RUNS / 2)]!)} ms (${times.map((t) => formatCount(t)).join(', ')} ms)`,
      );
    }
  } finally {
    await browser.close();
    await server?.stop();
    await instance.cleanup();
  }
}
