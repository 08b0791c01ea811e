/**
 * CISA's Known Exploited Vulnerabilities catalog (cisa-kev.schema.json). The whole catalog is
 * one small JSON file that replaces the previous one, so it is read whole and refused whole:
 * a ValidationError names each bad field as the catalog spells it (`vulnerabilities[12].cveID`).
 */
import { parseJsonFile } from './exposure.json.js';
import { z } from 'zod';
import { validationErrorOf, zodMessages } from './exposure.advisories.read.js';

export interface KevEntry {
  cveId: string;
  vendorProject: string;
  product: string;
  name: string;
  /** YYYY-MM-DD, as CISA writes it. */
  dateAdded: string;
  dueDate: string;
  shortDescription: string;
  requiredAction: string;
  knownRansomwareCampaignUse: 'Known' | 'Unknown';
  notes: string;
  cwes: string[];
}
export interface KevCatalog {
  catalogVersion: string;
  dateReleased: string;
  entries: KevEntry[];
}

const text = z.string().trim().min(1, 'must not be empty');

const vulnerabilitySchema = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,19}$/, 'must be a CVE ID like CVE-2021-44228'),
  vendorProject: text,
  product: text,
  vulnerabilityName: text,
  dateAdded: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
  shortDescription: text,
  requiredAction: text,
  dueDate: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
  // The schema leaves it optional; CISA's own reading of an absent value is "Unknown".
  knownRansomwareCampaignUse: z
    .enum(['Known', 'Unknown'], { error: 'must be "Known" or "Unknown"' })
    .default('Unknown'),
  notes: z.string().default(''),
  cwes: z.array(z.string().regex(/^CWE-\d+$/, 'must be a CWE ID like CWE-79')).default([]),
});

const catalogSchema = z
  .object({
    catalogVersion: text,
    dateReleased: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
    count: z.int().nonnegative(),
    vulnerabilities: z.array(vulnerabilitySchema),
  })
  .superRefine((catalog, ctx) => {
    // A count that disagrees with the list means a truncated or hand-edited download.
    if (catalog.count !== catalog.vulnerabilities.length)
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `says ${catalog.count} but the catalog lists ${catalog.vulnerabilities.length}`,
      });
    const firstIndex = new Map<string, number>();
    for (const [index, entry] of catalog.vulnerabilities.entries()) {
      const earlier = firstIndex.get(entry.cveID);
      if (earlier === undefined) firstIndex.set(entry.cveID, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['vulnerabilities', index, 'cveID'],
          message: `repeats ${entry.cveID} from vulnerabilities[${earlier}]`,
        });
    }
  });

/** Parses and validates the catalog; throws ValidationError (fields as the catalog names them). */
export function parseKevCatalog(bytes: Buffer): KevCatalog {
  const json = parseJsonFile(bytes, 'the KEV catalog');
  const parsed = catalogSchema.safeParse(json, zodMessages);
  if (!parsed.success) throw validationErrorOf(parsed.error, 'the KEV catalog');
  return {
    catalogVersion: parsed.data.catalogVersion,
    dateReleased: parsed.data.dateReleased,
    entries: parsed.data.vulnerabilities.map((entry) => ({
      cveId: entry.cveID,
      vendorProject: entry.vendorProject,
      product: entry.product,
      name: entry.vulnerabilityName,
      dateAdded: entry.dateAdded,
      dueDate: entry.dueDate,
      shortDescription: entry.shortDescription,
      requiredAction: entry.requiredAction,
      knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse,
      notes: entry.notes,
      cwes: entry.cwes,
    })),
  };
}
