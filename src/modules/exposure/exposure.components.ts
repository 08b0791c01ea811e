import { cpeIndexKey } from './exposure.cpe.match.js';
import { parseCpe } from './exposure.cpe.js';
import { packageKeyOf } from './exposure.purl.js';
import type { SbomComponent } from './exposure.sbom.js';
import { randomUUID } from 'node:crypto';
import type { ExposureComponentsTable } from '../../db/schema.exposure.js';
import { componentKeyOf, scopeOf, type NewComponent } from './exposure.types.js';

/**
 * A component as the index keys it: by PURL when it has one (ecosystem and advisory name),
 * else by its CPE's vendor and product. One with neither is listed but never matched, which
 * the software tab shows, so nobody mistakes "no identifiers" for "no findings".
 */
export function indexedComponent(component: {
  name: string;
  version: string | null;
  group?: string | null;
  purl: string | null;
  cpe: string | null;
}): NewComponent {
  const key = component.purl ? packageKeyOf(component.purl) : null;
  const cpe = component.cpe ? parseCpe(component.cpe) : null;
  const cpeKey = cpe ? cpeIndexKey(cpe) : null;
  const ecosystem = key?.ecosystem ?? null;
  const name =
    key?.name ?? (component.group ? `${component.group}:${component.name}` : component.name);
  const version = key?.version ?? component.version;
  return {
    componentKey: componentKeyOf({ ecosystem, name, version, cpe: component.cpe }),
    ecosystem,
    name,
    version,
    purl: component.purl,
    cpe: component.cpe,
    cpeVendor: cpeKey?.vendor ?? null,
    cpeProduct: cpeKey?.product ?? null,
  };
}

/** The SBOM's components, one per identity (an SBOM may list a package twice). */
export function indexedComponents(components: readonly SbomComponent[]): NewComponent[] {
  const unique = new Map<string, NewComponent>();
  for (const component of components) {
    const indexed = indexedComponent(component);
    if (!unique.has(indexed.componentKey)) unique.set(indexed.componentKey, indexed);
  }
  return [...unique.values()];
}

/** The stored row of a product a vendor declares (by CPE or PURL) rather than lists in an SBOM. */
export function declaredComponentRow(
  product: {
    vendorId: string;
    integrationId: string | null;
    name: string;
    version: string;
    purl: string | null;
    cpe: string | null;
  },
  now: string,
): ExposureComponentsTable {
  const indexed = indexedComponent(product);
  return {
    id: randomUUID(),
    vendor_id: product.vendorId,
    integration_id: product.integrationId,
    scope_key: scopeOf(product.vendorId, product.integrationId).scopeKey,
    origin: 'declared',
    sbom_id: null,
    component_key: indexed.componentKey,
    ecosystem: indexed.ecosystem,
    name: indexed.ecosystem ? indexed.name : product.name,
    version: indexed.version ?? product.version,
    purl: indexed.purl,
    cpe: indexed.cpe,
    cpe_vendor: indexed.cpeVendor,
    cpe_product: indexed.cpeProduct,
    first_seen_at: now,
    last_seen_at: now,
  };
}
