import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import cvss20 from '@secvisogram/csaf-validator-lib/schemas/cvss-v2.0.js';
import cvss30 from '@secvisogram/csaf-validator-lib/schemas/cvss-v3.0.js';
import cvss31 from '@secvisogram/csaf-validator-lib/schemas/cvss-v3.1.js';
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js';

/**
 * The OASIS CSAF 2.0 and OSV JSON schemas from the shared data; FIRST's CVSS schemas, which
 * CSAF refers to by URL, come from the BSI validator package (never the network).
 */
const SCHEMAS = path.resolve(import.meta.dirname, '../../../shared/data/schemas');
const load = (file: string) =>
  JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as Record<string, unknown> & {
    $id: string;
  };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// The package's copies carry a version query in their $id; CSAF refers to them without it.
for (const schema of [cvss20, cvss30, cvss31]) {
  const { $id, ...rest } = schema as { $id: string };
  ajv.addSchema({ ...rest, $id: $id.replace(/\?.*$/, '') });
}
const csaf = load('csaf_2.0.schema.json');
ajv.addSchema(csaf);
const validators = {
  csaf: ajv.getSchema(csaf.$id)!,
  provider: ajv.compile(load('csaf_2.0_provider.schema.json')),
  osv: ajv.compile(load('osv.schema.json')),
};

/** Schema errors, as "path: message" lines; empty when the document is valid. */
export function schemaErrors(kind: keyof typeof validators, document: unknown): string[] {
  const validate = validators[kind];
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? ''}`);
}

type MandatoryTest = (document: unknown) => {
  errors?: { message: string; instancePath: string }[];
};

/** CSAF § 6.1: the mandatory tests every valid document passes beyond its schema. */
export function mandatoryTestErrors(document: unknown): string[] {
  return Object.entries(mandatoryTests as unknown as Record<string, MandatoryTest>).flatMap(
    ([name, test]) =>
      (test(document).errors ?? []).map((e) => `${name} ${e.instancePath}: ${e.message}`),
  );
}
