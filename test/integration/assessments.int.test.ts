import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail, PortalView } from '../../src/contracts/assessments.js';
import type { Template, TemplateSummary } from '../../src/contracts/questionnaires.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { assessmentHelpers, PDF } from '../support/assessments.js';

/**
 * Vendor due diligence end to end: send a questionnaire, answer it through the portal with
 * evidence, submit, review, decide, and the approval gate on integrations.
 */
describe(`assessments (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let admin: Caller;
  let viewer: Caller;
  let h: ReturnType<typeof assessmentHelpers>;

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    admin = await t.callerWithRole('admin');
    viewer = await t.callerWithRole('viewer');
    h = assessmentHelpers(t);
  });
  afterAll(() => t.close());

  describe('templates', () => {
    it('installs the built-in lite and full templates once', async () => {
      await t.services.assessments.templates.ensureBuiltIns();
      const list = (await h.call(viewer, 'GET', '/api/v1/questionnaires')).json<
        TemplateSummary[]
      >();
      expect(list.map((entry) => [entry.key, entry.level, entry.version, entry.builtIn])).toEqual([
        ['cordon_full', 'full', 1, true],
        ['cordon_lite', 'lite', 1, true],
      ]);
    });

    it('refuses edits to a built-in template, but copies it', async () => {
      const [full] = (await h.call(viewer, 'GET', '/api/v1/questionnaires')).json<
        TemplateSummary[]
      >();
      const template = (
        await h.call(viewer, 'GET', `/api/v1/questionnaires/${full!.id}`)
      ).json<Template>();
      const edit = await h.call(analyst, 'PUT', `/api/v1/questionnaires/${full!.id}`, {
        baseVersion: 1,
        definition: template.definition,
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json<{ message: string }>().message).toContain('read-only');
      const copy = await h.call(analyst, 'POST', `/api/v1/questionnaires/${full!.id}/copy`, {
        key: 'shopco_full',
      });
      expect(copy.statusCode, copy.body).toBe(201);
      expect(copy.json<Template>()).toMatchObject({
        key: 'shopco_full',
        builtIn: false,
        version: 1,
      });
    });

    it('names the field of each mistake in a template', async () => {
      const response = await h.call(analyst, 'POST', '/api/v1/questionnaires', {
        key: 'broken',
        definition: {
          name: 'Broken',
          sections: [
            {
              key: 's',
              title: 'S',
              questions: [
                {
                  key: 'a',
                  text: 'A?',
                  type: 'number',
                  expected: { kind: 'one_of', values: ['yes'] },
                },
              ],
            },
          ],
        },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ issues: { field: string }[] }>().issues.map((i) => i.field)).toContain(
        'body.definition.sections.0.questions.0.expected.kind',
      );
    });

    it('versions edits, keeps in-flight assessments on their version, and round-trips JSON', async () => {
      const definition = (title: string) => ({
        name: 'Short review',
        sections: [
          {
            key: 'basics',
            title: 'Basics',
            questions: [
              {
                key: 'mfa',
                text: title,
                type: 'yes_no_na',
                expected: { kind: 'one_of', values: ['yes'] },
                finding: { title: 'No MFA', severity: 'high' },
              },
            ],
          },
        ],
      });
      const created = await h.call(analyst, 'POST', '/api/v1/questionnaires', {
        key: 'short_review',
        definition: definition('MFA for admins?'),
      });
      expect(created.statusCode, created.body).toBe(201);
      const templateId = created.json<Template>().id;
      const vendorId = await h.createVendor(analyst, 'Versioned Ltd');
      const sent = await h.sendAssessment(analyst, vendorId, { templateId });

      const edited = await h.call(analyst, 'PUT', `/api/v1/questionnaires/${templateId}`, {
        baseVersion: 1,
        definition: definition('Is MFA enforced for every administrator?'),
      });
      expect(edited.json<Template>().version).toBe(2);
      const stale = await h.call(analyst, 'PUT', `/api/v1/questionnaires/${templateId}`, {
        baseVersion: 1,
        definition: definition('Lost edit'),
      });
      expect(stale.statusCode).toBe(409);

      const inFlight = await h.view(sent.token);
      expect(inFlight.definition.sections[0]!.questions[0]!.text).toBe('MFA for admins?');
      const old = await h.call(viewer, 'GET', `/api/v1/questionnaires/${templateId}/versions/1`);
      expect(old.json<Template>().definition.sections[0]!.questions[0]!.text).toBe(
        'MFA for admins?',
      );

      const exported = await h.call(viewer, 'GET', `/api/v1/questionnaires/${templateId}/export`);
      expect(exported.headers['content-disposition']).toContain('short_review-v2.json');
      const document = exported.json<{ key: string; format: string }>();
      expect(document.format).toBe('cordon.questionnaire/1');
      const asNew = await h.call(analyst, 'POST', '/api/v1/questionnaires/import', {
        ...document,
        key: 'short_review_copy',
      });
      expect(asNew.json<Template>()).toMatchObject({ key: 'short_review_copy', version: 1 });
      const again = await h.call(analyst, 'POST', '/api/v1/questionnaires/import', document);
      expect(again.json<Template>()).toMatchObject({ key: 'short_review', version: 3 });
    });
  });

  describe('objects that do not exist', () => {
    it('answer 404 on every assessment and questionnaire route, for analysts and admins', async () => {
      const missing = '7c9e6679-7425-40de-944b-e07fc1f66ae7';
      const vendorId = await h.createVendor(analyst, 'Real Vendor Ltd');
      const requests: [Caller, 'GET' | 'POST' | 'PUT', string, unknown?][] = [
        [viewer, 'GET', `/api/v1/assessments/${missing}`],
        [viewer, 'GET', `/api/v1/assessments/${missing}/evidence/${missing}`],
        [analyst, 'POST', `/api/v1/assessments/${missing}/send`],
        [analyst, 'POST', `/api/v1/assessments/${missing}/revoke-links`],
        [analyst, 'POST', `/api/v1/assessments/${missing}/cancel`, { reason: 'x' }],
        [
          analyst,
          'POST',
          `/api/v1/assessments/${missing}/findings`,
          { title: 'x', severity: 'low' },
        ],
        [
          analyst,
          'PUT',
          `/api/v1/assessments/${missing}/findings/${missing}/status`,
          { status: 'fixed' },
        ],
        [
          analyst,
          'POST',
          `/api/v1/assessments/${missing}/decisions`,
          { outcome: 'reject', reason: 'Not acceptable' },
        ],
        [
          analyst,
          'POST',
          `/api/v1/assessments/${missing}/decisions/${missing}/conditions/${missing}/met`,
        ],
        [
          analyst,
          'POST',
          `/api/v1/vendors/${missing}/assessments`,
          {
            dueDate: '2026-04-01',
            recipientEmail: 'a@vendor.example',
          },
        ],
        [
          analyst,
          'POST',
          `/api/v1/vendors/${vendorId}/assessments`,
          {
            dueDate: '2026-04-01',
            recipientEmail: 'a@vendor.example',
            integrationId: missing,
          },
        ],
        [viewer, 'GET', `/api/v1/vendors/${missing}/residual-risk`],
        [viewer, 'GET', `/api/v1/vendors/${vendorId}/integrations/${missing}/go-live`],
        [viewer, 'GET', `/api/v1/questionnaires/${missing}`],
        [viewer, 'GET', `/api/v1/questionnaires/${missing}/versions/1`],
        [viewer, 'GET', `/api/v1/questionnaires/${missing}/export`],
        [analyst, 'POST', `/api/v1/questionnaires/${missing}/copy`, { key: 'copy_of_nothing' }],
      ];
      for (const [caller, method, url, body] of requests) {
        const response = await h.call(caller, method, url, body);
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(404);
      }
      // A finding or decision of one assessment is not reachable under another.
      const sent = await h.sendAssessment(analyst, vendorId);
      const other = await h.sendAssessment(analyst, await h.createVendor(analyst, 'Other Ltd'));
      await h.portal('PUT', sent.token, '/answers', {
        answers: h.goodAnswers(await h.definitionOf(analyst, sent.id), { access_mfa_admin: 'no' }),
      });
      expect((await h.portal('POST', sent.token, '/submit')).statusCode).toBe(200);
      const detail = (
        await h.call(viewer, 'GET', `/api/v1/assessments/${sent.id}`)
      ).json<AssessmentDetail>();
      const findingId = detail.findings[0]!.id;
      const crossed = await h.call(
        analyst,
        'PUT',
        `/api/v1/assessments/${other.id}/findings/${findingId}/status`,
        { status: 'fixed' },
      );
      expect(crossed.statusCode).toBe(404);
    });
  });

  describe('what the review found', () => {
    it('refuses far-off due dates, disguised text and approval of an unanswered assessment', async () => {
      const vendorId = await h.createVendor(analyst, 'Review Findings Ltd');
      const far = await h.call(analyst, 'POST', `/api/v1/vendors/${vendorId}/assessments`, {
        dueDate: '9999-12-31',
        recipientEmail: 'security@vendor.example',
      });
      expect(far.statusCode).toBe(400);
      expect(far.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.dueDate');

      const sent = await h.sendAssessment(analyst, vendorId);
      const bidi = await h.portal('PUT', sent.token, '/answers', {
        answers: { ir_contact: 'Call \u202eevil' },
      });
      expect(bidi.statusCode).toBe(400);
      expect(bidi.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe(
        'body.answers.ir_contact',
      );

      const accepted = await h.call(admin, 'POST', `/api/v1/assessments/${sent.id}/decisions`, {
        outcome: 'risk_acceptance',
        reason: 'Needed before the vendor can answer',
        expiresOn: '2026-03-13',
      });
      expect(accepted.statusCode, accepted.body).toBe(201);
      const approve = await h.call(analyst, 'POST', `/api/v1/assessments/${sent.id}/decisions`, {
        outcome: 'approve',
        reason: 'Turning the acceptance into an approval',
      });
      expect(approve.statusCode).toBe(409);
    });

    it('keeps answers locked and finding counts exact under concurrent requests', async () => {
      const vendorId = await h.createVendor(analyst, 'Concurrent Ltd');
      const sent = await h.sendAssessment(analyst, vendorId);
      const answers = h.goodAnswers(await h.definitionOf(analyst, sent.id));
      expect((await h.portal('PUT', sent.token, '/answers', { answers })).statusCode).toBe(200);
      const [submitted, late] = await Promise.all([
        h.portal('POST', sent.token, '/submit'),
        h.portal('PUT', sent.token, '/answers', { answers: { access_mfa_admin: 'no' } }),
      ]);
      expect(submitted.statusCode).toBe(200);
      const stored = (
        await h.call(analyst, 'GET', `/api/v1/assessments/${sent.id}`)
      ).json<AssessmentDetail>();
      // Either the change landed before the lock (and was scored) or it was refused.
      if (late.statusCode === 200)
        expect(stored.findings.map((f) => f.title)).toContain('No MFA on admin access');
      else {
        expect(late.statusCode).toBe(409);
        expect(stored.answers.access_mfa_admin).toBe('yes');
      }

      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          h.call(analyst, 'POST', `/api/v1/assessments/${sent.id}/findings`, {
            title: `Concurrent finding ${i}`,
            severity: 'low',
          }),
        ),
      );
      const state = await t.database.db.kysely
        .selectFrom('vendor_assessment_state')
        .select('open_low')
        .where('vendor_id', '=', vendorId)
        .executeTakeFirstOrThrow();
      const actual = await t.database.db.kysely
        .selectFrom('assessment_findings')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('vendor_id', '=', vendorId)
        .where('severity', '=', 'low')
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      expect(Number(state.open_low)).toBe(Number(actual.count));
      expect(Number(actual.count)).toBeGreaterThanOrEqual(12);
    });

    it('renames uploads whose name does not fit their content, and drops unused bytes', async () => {
      const sent = await h.sendAssessment(analyst, await h.createVendor(analyst, 'Upload Ltd'));
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      const uploaded = await h.uploadEvidence(sent.token, 'cert_soc2_report', 'report.hta', html);
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      expect(uploaded.json()).toMatchObject({
        fileName: 'report.hta.txt',
        mediaType: 'text/plain',
      });
      const blobs = () =>
        t.database.db.kysely
          .selectFrom('blobs')
          .select('sha256')
          .where('sha256', '=', uploaded.json<{ sha256: string }>().sha256)
          .execute();
      expect(await blobs()).toHaveLength(1);
      const removed = await h.portal(
        'DELETE',
        sent.token,
        `/evidence/${uploaded.json<{ id: string }>().id}`,
      );
      expect(removed.statusCode).toBe(200);
      expect(await blobs()).toHaveLength(0);
    });
  });

  describe('from sending to the approval gate', () => {
    let vendorId: string;
    let integrationId: string;
    let assessment: { id: string; token: string; url: string };

    const activate = () =>
      h.call(analyst, 'PUT', `/api/v1/vendors/${vendorId}/integrations/${integrationId}`, {
        name: 'Login API',
        kind: 'server_api_client',
        declaredCategories: ['email', 'name'],
        status: 'active',
      });

    beforeAll(async () => {
      vendorId = await h.createVendor(analyst, 'Authenticator Inc.');
      const integration = await h.call(
        analyst,
        'POST',
        `/api/v1/vendors/${vendorId}/integrations`,
        {
          name: 'Login API',
          kind: 'server_api_client',
          declaredCategories: ['email', 'name'],
        },
      );
      integrationId = integration.json<{ id: string }>().id;
    });

    it('refuses to activate an integration without an approval, and audits the refusal', async () => {
      const refused = await activate();
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ message: string }>().message).toBe(
        "Integration 'Login API' cannot become active: it has no approved assessment and no unexpired risk acceptance. Approve an assessment or record a risk acceptance first",
      );
      const created = await h.call(analyst, 'POST', `/api/v1/vendors/${vendorId}/integrations`, {
        name: 'Straight to live',
        kind: 'webhook_subscriber',
        status: 'active',
      });
      expect(created.statusCode).toBe(409);
      const denied = await t.database.db.kysely
        .selectFrom('audit_events')
        .select(['object_id', 'outcome'])
        .where('action', '=', 'vendors.integration.activate')
        .execute();
      expect(denied).toEqual([
        { object_id: integrationId, outcome: 'denied' },
        { object_id: null, outcome: 'denied' },
      ]);
      const goLive = await h.call(
        viewer,
        'GET',
        `/api/v1/vendors/${vendorId}/integrations/${integrationId}/go-live`,
      );
      expect(goLive.json()).toMatchObject({ allowed: false, decisionId: null });
    });

    it('sends a capability link by email and suggests the template from the tier', async () => {
      assessment = await h.sendAssessment(analyst, vendorId, { recipientName: 'Ada' });
      expect(assessment.url).toMatch(/^http:\/\/localhost:8080\/portal#token=[A-Za-z0-9_-]{43}$/);
      const stored = await t.database.db.kysely
        .selectFrom('assessment_links')
        .select('token_hash')
        .execute();
      expect(stored.map((row) => row.token_hash)).not.toContain(assessment.token);
      const detail = (
        await h.call(viewer, 'GET', `/api/v1/assessments/${assessment.id}`)
      ).json<AssessmentDetail>();
      expect(detail).toMatchObject({
        status: 'sent',
        templateName: 'Vendor security review (lite)',
      });
      expect(t.sentMail.at(-1)).toMatchObject({ to: 'security@vendor.example' });
      expect(t.sentMail.at(-1)!.text).toContain('Hello Ada,');
    });

    it('saves drafts, naming each bad answer and saving none of a bad patch', async () => {
      const bad = await h.portal('PUT', assessment.token, '/answers', {
        answers: {
          access_mfa_admin: 'perhaps',
          patch_critical_days: 'soon',
          no_such_question: 'yes',
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json<{ issues: { field: string }[] }>()
          .issues.map((i) => i.field)
          .sort(),
      ).toEqual([
        'body.answers.access_mfa_admin',
        'body.answers.no_such_question',
        'body.answers.patch_critical_days',
      ]);
      const saved = await h.portal('PUT', assessment.token, '/answers', {
        answers: { access_mfa_admin: 'no', cert_held: ['soc2_type2'] },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const view = saved.json<PortalView>();
      expect(view.answers).toMatchObject({ access_mfa_admin: 'no', cert_held: ['soc2_type2'] });
      expect(view.visible).toContain('cert_soc2_valid_until');
      expect(view.missingRequired).toContain('cert_soc2_valid_until');
    });

    it('takes evidence by content type, only on file questions', async () => {
      const ok = await h.uploadEvidence(assessment.token, 'cert_soc2_report', 'soc2.pdf', PDF);
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ fileName: 'soc2.pdf', mediaType: 'application/pdf' });
      expect(ok.json<{ sha256: string }>().sha256).toMatch(/^[0-9a-f]{64}$/);
      const disguised = await h.uploadEvidence(
        assessment.token,
        'cert_soc2_report',
        'report.pdf',
        Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]),
      );
      expect(disguised.statusCode).toBe(415);
      const oversized = await h.uploadEvidence(
        assessment.token,
        'cert_soc2_report',
        'huge.pdf',
        Buffer.concat([PDF, Buffer.alloc(25 * 1024 * 1024)]),
      );
      expect(oversized.statusCode).toBe(413);
      const wrongQuestion = await h.uploadEvidence(
        assessment.token,
        'access_mfa_admin',
        'x.pdf',
        PDF,
      );
      expect(wrongQuestion.statusCode).toBe(400);
      const download = await h.portal(
        'GET',
        assessment.token,
        `/evidence/${ok.json<{ id: string }>().id}`,
      );
      expect(download.headers['content-disposition']).toContain('attachment');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses to submit with required questions unanswered, then locks on submit', async () => {
      const early = await h.portal('POST', assessment.token, '/submit');
      expect(early.statusCode).toBe(400);
      const answers = h.goodAnswers(await h.definitionOf(analyst, assessment.id), {
        access_mfa_admin: 'no',
        patch_critical_days: 45,
        cert_held: ['soc2_type2'],
        cert_soc2_valid_until: '2026-01-31',
        ir_breach_notice: 'no',
      });
      expect((await h.portal('PUT', assessment.token, '/answers', { answers })).statusCode).toBe(
        200,
      );
      const [first, second] = await Promise.all([
        h.portal('POST', assessment.token, '/submit'),
        h.portal('POST', assessment.token, '/submit'),
      ]);
      expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
      const locked = await h.portal('PUT', assessment.token, '/answers', {
        answers: { access_mfa_admin: 'yes' },
      });
      expect(locked.statusCode).toBe(409);
      const upload = await h.uploadEvidence(assessment.token, 'cert_soc2_report', 'late.pdf', PDF);
      expect(upload.statusCode).toBe(409);
    });

    it('scores the answers and raises the questionnaire findings', async () => {
      const detail = (
        await h.call(viewer, 'GET', `/api/v1/assessments/${assessment.id}`)
      ).json<AssessmentDetail>();
      expect(detail.status).toBe('submitted');
      expect(detail.controlScore).toBeGreaterThan(0);
      expect(detail.controlScore).toBeLessThan(100);
      // The vendor promised an SBOM (a good answer) but attached none: that is a finding too.
      expect(detail.findings.map((f) => [f.title, f.severity, f.source]).sort()).toEqual([
        ['Critical patches take more than 30 days', 'high', 'questionnaire'],
        ['No MFA on admin access', 'high', 'questionnaire'],
        ['No breach-notice commitment', 'high', 'questionnaire'],
        ['SOC 2 report expired', 'high', 'questionnaire'],
        ['Software bill of materials promised but not provided', 'low', 'questionnaire'],
      ]);
      expect(detail.results.find((r) => r.key === 'access_mfa_admin')?.outcome).toBe('short');
    });

    it('explains residual risk factor by factor', async () => {
      const risk = (await h.call(viewer, 'GET', `/api/v1/vendors/${vendorId}/residual-risk`)).json<{
        score: number;
        level: string;
        factors: { key: string; points: number; detail: string }[];
      }>();
      const findings = risk.factors.find((f) => f.key === 'findings')!;
      expect(findings).toMatchObject({ points: 40, detail: '4 high, 1 low (capped at 40 points)' });
      expect(risk.factors.map((f) => f.key)).toEqual([
        'controls',
        'findings',
        'exposure',
        'inherent',
      ]);
      const heat = (await h.call(viewer, 'GET', '/api/v1/residual-risk/heat-map')).json<{
        cells: { tier: string; level: string; vendors: number }[];
      }>();
      expect(heat.cells).toHaveLength(16);
      expect(heat.cells.find((c) => c.level === risk.level && c.vendors > 0)).toBeDefined();
    });

    it('lets the reviewer add findings and the vendor answer them with a plan', async () => {
      const added = await h.call(analyst, 'POST', `/api/v1/assessments/${assessment.id}/findings`, {
        title: 'Admin panel reachable without VPN',
        severity: 'critical',
        requestedRemediation: 'Put the admin panel behind the VPN',
      });
      expect(added.statusCode, added.body).toBe(201);
      const findingId = added.json<{ id: string }>().id;
      const byViewer = await h.call(
        viewer,
        'POST',
        `/api/v1/assessments/${assessment.id}/findings`,
        {
          title: 'x',
          severity: 'low',
        },
      );
      expect(byViewer.statusCode).toBe(403);
      const planned = await h.portal(
        'POST',
        assessment.token,
        `/findings/${findingId}/remediation`,
        {
          plan: 'VPN-only access from 1 April',
          dueDate: '2026-04-01',
        },
      );
      expect(planned.statusCode, planned.body).toBe(200);
      expect(planned.json<PortalView>().findings.find((f) => f.id === findingId)).toMatchObject({
        status: 'remediation_planned',
        remediationDue: '2026-04-01',
      });
      const accept = await h.call(
        analyst,
        'PUT',
        `/api/v1/assessments/${assessment.id}/findings/${findingId}/status`,
        { status: 'accepted' },
      );
      expect(accept.statusCode).toBe(403);
    });

    it('approves with conditions, after which the integration may go live', async () => {
      const byViewer = await h.call(
        viewer,
        'POST',
        `/api/v1/assessments/${assessment.id}/decisions`,
        {
          outcome: 'approve',
          reason: 'Looks fine',
        },
      );
      expect(byViewer.statusCode).toBe(403);
      const noConditions = await h.call(
        analyst,
        'POST',
        `/api/v1/assessments/${assessment.id}/decisions`,
        {
          outcome: 'approve_with_conditions',
          reason: 'MFA first',
        },
      );
      expect(noConditions.statusCode).toBe(400);
      expect(noConditions.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe(
        'body.conditions',
      );
      const decided = await h.call(
        analyst,
        'POST',
        `/api/v1/assessments/${assessment.id}/decisions`,
        {
          outcome: 'approve_with_conditions',
          reason: 'Acceptable once admin MFA is on',
          conditions: [{ text: 'MFA on all admin access', dueDate: '2026-04-30' }],
        },
      );
      expect(decided.statusCode, decided.body).toBe(201);
      const detail = decided.json<AssessmentDetail>();
      expect(detail.status).toBe('decided');
      expect(detail.decisions[0]!.conditions).toMatchObject([
        { text: 'MFA on all admin access', metAt: null },
      ]);
      const live = await activate();
      expect(live.statusCode, live.body).toBe(200);
      expect(live.json()).toMatchObject({ status: 'active' });
    });

    it('blocks going live again after a rejection; a risk acceptance is for admins and expires', async () => {
      await h.call(analyst, 'PUT', `/api/v1/vendors/${vendorId}/integrations/${integrationId}`, {
        name: 'Login API',
        kind: 'server_api_client',
        status: 'suspended',
      });
      const rejected = await h.call(
        analyst,
        'POST',
        `/api/v1/assessments/${assessment.id}/decisions`,
        {
          outcome: 'reject',
          reason: 'Conditions were not met',
        },
      );
      expect(rejected.statusCode).toBe(201);
      expect((await activate()).json<{ message: string }>().message).toContain(
        'was rejected on 2026-03-12',
      );

      const acceptance = {
        outcome: 'risk_acceptance',
        reason: 'Login cannot wait; compensating controls in place',
        expiresOn: '2026-03-20',
      };
      const byAnalyst = await h.call(
        analyst,
        'POST',
        `/api/v1/assessments/${assessment.id}/decisions`,
        acceptance,
      );
      expect(byAnalyst.statusCode).toBe(403);
      const byAdmin = await h.call(
        admin,
        'POST',
        `/api/v1/assessments/${assessment.id}/decisions`,
        acceptance,
      );
      expect(byAdmin.statusCode, byAdmin.body).toBe(201);
      expect((await activate()).statusCode).toBe(200);

      await h.call(analyst, 'PUT', `/api/v1/vendors/${vendorId}/integrations/${integrationId}`, {
        name: 'Login API',
        kind: 'server_api_client',
        status: 'suspended',
      });
      t.clock.set(new Date('2026-03-21T09:00:00Z'));
      analyst = await t.signIn(analyst.email);
      const expired = await activate();
      expect(expired.statusCode).toBe(409);
      expect(expired.json<{ message: string }>().message).toContain(
        'risk acceptance expired on 2026-03-20',
      );
      t.clock.set(new Date('2026-03-12T08:00:00Z'));
      analyst = await t.signIn(analyst.email);
    });
  });
});
