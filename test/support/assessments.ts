import { expect } from 'vitest';
import type { AssessmentDetail, PortalView } from '../../src/contracts/assessments.js';
import { exampleAnswers } from '../../src/cli/demo/assessments.js';
import type { Caller, TestApp } from './app.js';

/** Helpers for assessment tests: a sent assessment, its link token, and good answers. */
export function assessmentHelpers(t: TestApp) {
  const call = (
    caller: Caller | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: caller?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function createVendor(caller: Caller, legalName: string): Promise<string> {
    const response = await call(caller, 'POST', '/api/v1/vendors', { legalName });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  }

  /** Creates and sends an assessment; returns its id and the token from the emailed link. */
  async function sendAssessment(
    caller: Caller,
    vendorId: string,
    body: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string; url: string }> {
    const created = await call(caller, 'POST', `/api/v1/vendors/${vendorId}/assessments`, {
      dueDate: '2026-04-01',
      recipientEmail: 'security@vendor.example',
      ...body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const sent = await call(caller, 'POST', `/api/v1/assessments/${id}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    const url = sent.json<{ url: string }>().url;
    const mailed = t.sentMail.at(-1)!;
    expect(mailed.text).toContain(url);
    return { id, token: new URL(url).hash.replace('#token=', ''), url };
  }

  const portal = (
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    token: string,
    path = '',
    payload?: unknown,
  ) => call(null, method, `/api/v1/portal/${token}${path}`, payload);

  /** The questionnaire with its scoring (the staff view); the portal's leaves that out. */
  async function definitionOf(caller: Caller, assessmentId: string) {
    const response = await call(caller, 'GET', `/api/v1/assessments/${assessmentId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AssessmentDetail>().definition;
  }

  async function view(token: string): Promise<PortalView> {
    const response = await portal('GET', token);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PortalView>();
  }

  async function uploadEvidence(token: string, question: string, fileName: string, bytes: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([bytes]), fileName);
    const encoded = new Response(form);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/${token}/evidence?question=${question}`,
      headers: { 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  return {
    call,
    createVendor,
    sendAssessment,
    portal,
    goodAnswers: exampleAnswers,
    definitionOf,
    view,
    uploadEvidence,
  };
}

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
