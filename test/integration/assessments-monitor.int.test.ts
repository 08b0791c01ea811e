import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleEntry } from '../../src/contracts/assessments.js';
import {
  ASSESSMENTS_DAILY_JOB,
  registerAssessmentJobs,
} from '../../src/modules/assessments/assessments.jobs.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { assessmentHelpers } from '../support/assessments.js';

/** Reminders, overdue, conditions, certificates and reassessment, each sent exactly once. */
describe(`assessment monitoring (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let h: ReturnType<typeof assessmentHelpers>;
  let late: { id: string; token: string };
  let reviewedVendor: string;

  const runDaily = async () => {
    await t.registry
      .get(ASSESSMENTS_DAILY_JOB)!
      .handle({}, { jobId: 'test', attempt: 1, signal: new AbortController().signal });
  };
  const mailed = (subject: RegExp) => t.sentMail.filter((m) => subject.test(m.subject));
  const on = async (day: string) => {
    t.clock.set(new Date(`${day}T06:17:00Z`));
    analyst = await t.signIn(analyst.email);
  };

  beforeAll(async () => {
    t = await createTestApp({ config: { reassessmentMonths: 'low=1' } });
    analyst = await t.callerWithRole('analyst');
    h = assessmentHelpers(t);
    await registerAssessmentJobs(t.registry, t.queue, t.services.assessments);

    late = await h.sendAssessment(analyst, await h.createVendor(analyst, 'Slow Vendor Ltd'), {
      dueDate: '2026-03-19',
    });
    reviewedVendor = await h.createVendor(analyst, 'Reviewed Vendor Ltd');
    const reviewed = await h.sendAssessment(analyst, reviewedVendor);
    const definition = await h.definitionOf(analyst, reviewed.id);
    await h.portal('PUT', reviewed.token, '/answers', {
      answers: h.goodAnswers(definition, {
        cert_held: ['iso27001'],
        cert_iso_valid_until: '2026-04-05',
      }),
    });
    expect((await h.portal('POST', reviewed.token, '/submit')).statusCode).toBe(200);
    const decided = await h.call(analyst, 'POST', `/api/v1/assessments/${reviewed.id}/decisions`, {
      outcome: 'approve_with_conditions',
      reason: 'Fine with one condition',
      conditions: [{ text: 'Rotate the shared admin password', dueDate: '2026-03-15' }],
    });
    expect(decided.statusCode, decided.body).toBe(201);
  });
  afterAll(() => t.close());

  it('is scheduled daily', async () => {
    expect((await t.queue.listSchedules()).map((s) => s.name)).toContain(ASSESSMENTS_DAILY_JOB);
  });

  it('reminds the vendor 7, 3 and 1 days before the due date, once each', async () => {
    await runDaily();
    await runDaily();
    expect(mailed(/^Reminder/).map((m) => [m.to, m.subject])).toEqual([
      ['security@vendor.example', 'Reminder: security questionnaire due 2026-03-19'],
    ]);
    expect(mailed(/^Reminder/)[0]!.text).toContain('due in 7 days');
    await on('2026-03-16');
    await runDaily();
    await on('2026-03-18');
    await runDaily();
    await runDaily();
    expect(mailed(/^Reminder/).map((m) => /due in (\d+) day/.exec(m.text)![1])).toEqual([
      '7',
      '3',
      '1',
    ]);
  });

  it('marks a late assessment overdue, tells the team once, and still lets the vendor finish', async () => {
    await on('2026-03-20');
    await runDaily();
    await runDaily();
    const detail = (await h.call(analyst, 'GET', `/api/v1/assessments/${late.id}`)).json<{
      status: string;
    }>();
    expect(detail.status).toBe('overdue');
    // Admins and analysts are told; each hears once.
    const overdue = mailed(/overdue/);
    expect(overdue.length).toBeGreaterThan(0);
    expect(new Set(overdue.map((m) => m.to)).size).toBe(overdue.length);
    expect((await h.view(late.token)).status).toBe('overdue');
  });

  it('announces an overdue assessment whose earlier run stopped before telling anyone', async () => {
    const stranded = await h.sendAssessment(
      analyst,
      await h.createVendor(analyst, 'Stranded Vendor Ltd'),
      { dueDate: '2026-03-25' },
    );
    // What a run that crashed between the status change and the notice leaves behind.
    await t.database.db.kysely
      .updateTable('assessments')
      .set({ status: 'overdue' })
      .where('id', '=', stranded.id)
      .execute();
    await runDaily();
    await runDaily();
    const told = mailed(/overdue/).filter((m) => m.text.includes(stranded.id));
    expect(told.length).toBeGreaterThan(0);
    expect(new Set(told.map((m) => m.to)).size).toBe(told.length);
  });

  it('flags a condition past its date and a certificate about to lapse, once each', async () => {
    const conditions = mailed(/condition past due/);
    expect(conditions.length).toBeGreaterThan(0);
    expect(conditions[0]!.text).toContain('Rotate the shared admin password');
    const certificates = mailed(/certification expires soon/);
    expect(certificates.length).toBeGreaterThan(0);
    expect(certificates[0]!.text).toContain('2026-04-05');
    const before = t.sentMail.length;
    await runDaily();
    expect(t.sentMail.length).toBe(before);
  });

  it('schedules reassessment by tier and warns when one is due', async () => {
    const schedule = (await h.call(analyst, 'GET', '/api/v1/assessments/schedule')).json<
      ScheduleEntry[]
    >();
    const reviewed = schedule.find((entry) => entry.vendorId === reviewedVendor)!;
    expect(reviewed).toMatchObject({ tier: 'low', nextDue: '2026-04-12', state: 'due_soon' });
    expect(schedule.find((entry) => entry.vendorName === 'Slow Vendor Ltd')).toMatchObject({
      state: 'never_assessed',
    });
    expect(mailed(/reassessment due soon/)[0]!.text).toContain('due by 2026-04-12');
  });
});
