import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../lib/package-root.js';
import { systemContext } from '../../lib/principal.js';
import type { CoreServices } from '../../server/app.js';
import { demoAdvisories } from './exposure.advisories.js';
import type { DemoVendors } from './vendors.js';

const ctx = systemContext('demo');

/** The shared public data sits beside the checkout (../shared/data), as in CI. */
export const SHARED_DATA =
  process.env.CORDON_SHARED_DATA ?? path.resolve(packageRoot, '..', 'shared', 'data');

/**
 * Software exposure: the real Go, RustSec and CISA KEV feeds, the demo's Maven advisories, and
 * Authenticator Inc.'s Keycloak 10.0.2 SBOM, whose Tomcat is known-exploited (CVE-2020-1938).
 * Without the shared data the demo goes on without this part and says so.
 */
export async function seedExposure(services: CoreServices, vendors: DemoVendors): Promise<void> {
  const { advisories, sboms } = services.exposure;
  if ((await sboms.list(ctx, vendors.authenticator.vendorId)).length > 0) return;
  if (!existsSync(SHARED_DATA)) {
    console.log(
      `Skipping the software-exposure demo: ${SHARED_DATA} not found (set CORDON_SHARED_DATA)`,
    );
    return;
  }
  const shared = (relative: string) => ({
    fileName: path.basename(relative),
    bytes: readFileSync(path.join(SHARED_DATA, relative)),
  });
  for (const [kind, file] of [
    ['kev', 'advisories/cisa-kev.json'],
    ['osv', 'advisories/go-vulndb.osv.ndjson.gz'],
    ['osv', 'advisories/rustsec.osv.ndjson.gz'],
  ] as const) {
    const result = await advisories.importFile(ctx, kind, shared(file));
    console.log(
      `Imported ${result.records.toLocaleString('en')} advisories from ${result.fileName}`,
    );
  }
  await advisories.importFile(ctx, 'osv', {
    fileName: 'shopco-demo-maven.osv.json',
    bytes: Buffer.from(JSON.stringify(demoAdvisories)),
  });
  const uploaded = await sboms.upload(
    ctx,
    vendors.authenticator.vendorId,
    vendors.authenticator.integrationId,
    shared('sbom/keycloak-10.0.2.cdx.json'),
  );
  console.log(
    `Authenticator Inc.'s Keycloak SBOM: ${uploaded.componentCount} components, ${uploaded.findingsOpened} findings`,
  );
}
