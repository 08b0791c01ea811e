import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Caller, TestApp } from './app.js';
import { assessmentHelpers } from './assessments.js';

export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');
export const sharedFile = (relative: string) => readFileSync(path.join(SHARED_DATA, relative));

/** Exposure test helpers: vendors with integrations, multipart uploads, feed imports. */
export function exposureHelpers(t: TestApp) {
  const { call } = assessmentHelpers(t);

  /** A multipart body as a browser sends it, with the file in field "file". */
  async function upload(
    caller: Caller | null,
    url: string,
    fileName: string,
    bytes: Buffer | string,
  ) {
    const form = new FormData();
    form.append(
      'file',
      new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : bytes]),
      fileName,
    );
    const encoded = new Response(form);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(caller?.headers ?? {}), 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  async function vendorWithIntegration(caller: Caller, legalName: string, status = 'active') {
    const vendor = await call(caller, 'POST', '/api/v1/vendors', { legalName });
    expect(vendor.statusCode, vendor.body).toBe(201);
    const vendorId = vendor.json<{ id: string }>().id;
    const integration = await call(caller, 'POST', `/api/v1/vendors/${vendorId}/integrations`, {
      name: 'Customer login (SSO)',
      kind: 'server_api_client',
      declaredCategories: ['email'],
      owner: 'owner@shopco.example',
    });
    expect(integration.statusCode, integration.body).toBe(201);
    const integrationId = integration.json<{ id: string }>().id;
    // Going live needs an approved assessment; that gate is tested elsewhere, so set it here.
    await t.database.db.kysely
      .updateTable('integrations')
      .set({ status })
      .where('id', '=', integrationId)
      .execute();
    return { vendorId, integrationId };
  }

  async function importFeed(
    caller: Caller,
    kind: 'osv' | 'kev' | 'nvd',
    fileName: string,
    bytes: Buffer | string,
  ) {
    const response = await upload(
      caller,
      `/api/v1/exposure/advisories/import?kind=${kind}`,
      fileName,
      bytes,
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{
      records: number;
      added: number;
      updated: number;
      unchanged: number;
      findingsOpened: number;
    }>();
  }

  async function uploadSbom(
    caller: Caller,
    vendorId: string,
    integrationId: string | null,
    fileName: string,
    bytes: Buffer | string,
  ) {
    const query = integrationId ? `?integrationId=${integrationId}` : '';
    return upload(caller, `/api/v1/vendors/${vendorId}/sboms${query}`, fileName, bytes);
  }

  return { call, upload, vendorWithIntegration, importFeed, uploadSbom };
}

/** A minimal CycloneDX 1.4 SBOM listing these package URLs. */
export function cycloneDx(purls: string[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.4',
    version: 1,
    components: purls.map((purl) => ({
      type: 'library',
      name: purl.split('/').pop()!.split('@')[0],
      version: purl.split('@')[1] ?? undefined,
      purl,
      'bom-ref': purl,
    })),
  });
}
