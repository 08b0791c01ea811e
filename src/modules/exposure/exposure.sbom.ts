/**
 * Parses an uploaded SBOM (CycloneDX 1.2–1.6 JSON, SPDX 2.2/2.3 JSON) into the flat component
 * list the matcher needs. The file is outside input: every problem becomes a ValidationError
 * naming the field (`sbom.components[12].purl`), and a file with any problem yields nothing, so a
 * vendor's exposure is never computed from half an SBOM.
 *
 * The document plumbing (decoding, issue collection, the CycloneDX component walk) is exported
 * for the VEX parser, which reads the same CycloneDX documents.
 */
import { parseUntrustedJson } from './exposure.json.js';
import { parsePurl } from './exposure.purl.js';
import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../../lib/errors.js';
import { cpeProblem } from './exposure.cpe.js';

export interface SbomComponent {
  /** CycloneDX `bom-ref` or SPDX `SPDXID`: what VEX statements and dependency graphs point at. */
  ref: string | null;
  name: string;
  version: string | null;
  group: string | null;
  /** As written in the file (not re-normalised), validated with packageurl-js. */
  purl: string | null;
  /** A well-formed CPE 2.3 formatted string. */
  cpe: string | null;
}

export interface ParsedSbom {
  format: 'cyclonedx' | 'spdx';
  /** `1.2`…`1.6` for CycloneDX, `2.2` or `2.3` for SPDX. */
  specVersion: string;
  /** CycloneDX `serialNumber`, or SPDX `documentNamespace` (its unique document URI). */
  serialNumber: string | null;
  components: SbomComponent[];
}

/** Enough to fix a file in one pass, small enough for an error response. */
const MAX_REPORTED_ISSUES = 20;
/** Assemblies nest components; the bound keeps a hostile file from exhausting the stack. */
const MAX_NESTING = 32;
const CYCLONEDX_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6'];
const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value from the file for a message: strings quoted and cut short so a huge field cannot flood
 * the response; objects only named, since serialising a hostile one could be slow or deep.
 */
export function quote(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = String(value);
  return `'${text.length > 120 ? `${text.slice(0, 120)}…` : text}'`;
}

/** Collects every problem of one document, so a bad upload is reported whole, not one at a time. */
export class DocumentIssues {
  private readonly found: FieldIssue[] = [];
  private readonly subject: string;

  /** `kind` and the file name the caller sent name the document in the message. */
  constructor(kind: string, fileName?: string) {
    this.subject = fileName ? `${kind} ${quote(fileName)}` : `The ${kind}`;
  }

  add(field: string, message: string): void {
    this.found.push({ field, message });
  }

  addZod(prefix: string, error: z.ZodError): void {
    for (const { path, message } of error.issues) {
      const field = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`));
      this.add(prefix + field.join(''), message);
    }
  }

  /** Adds one problem and throws at once: for faults after which nothing else is worth reading. */
  fail(field: string, message: string): never {
    this.add(field, message);
    throw this.toError() ?? ValidationError.forField(field, message);
  }

  throwIfAny(): void {
    const error = this.toError();
    if (error) throw error;
  }

  private toError(): ValidationError | null {
    const total = this.found.length;
    const first = this.found[0];
    if (!first) return null;
    const firstText = `${first.field}: ${first.message}`;
    const message =
      total === 1
        ? `${this.subject} was refused: ${firstText}`
        : `${this.subject} was refused with ${total} problems` +
          (total > MAX_REPORTED_ISSUES ? ` (the first ${MAX_REPORTED_ISSUES} are listed)` : '') +
          `; the first is ${firstText}`;
    return new ValidationError(message, this.found.slice(0, MAX_REPORTED_ISSUES));
  }
}

/**
 * Forms people upload by mistake, each refused with what to upload instead. XML would need
 * fast-xml-parser, which is not a dependency (DESIGN §3: add one only with a reason), and every
 * CycloneDX tool can emit JSON, so CycloneDX XML is refused with that pointer.
 */
const NOT_JSON: [RegExp, string][] = [
  [/^\s*$/, 'the file is empty'],
  [/^\s*<[^]*?cyclonedx\.org\/schema\/bom/, 'CycloneDX XML is not supported; upload the JSON form'],
  [/^\s*<[^]{0,2000}?spdx/i, 'SPDX RDF/XML is not supported; upload the JSON form'],
  [/^\s*</, 'XML is neither CycloneDX nor SPDX; upload CycloneDX or SPDX JSON'],
  [/^\s*SPDXVersion:/i, 'SPDX tag-value is not supported; upload the JSON form'],
];

/** Decodes and parses a JSON document; `root` names it in issues (`sbom`, `vex`). */
export function readJsonDocument(bytes: Buffer | string, root: string, issues: DocumentIssues) {
  const text = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).replace(/^\uFEFF/, '');
  const mistake = NOT_JSON.find(([pattern]) => pattern.test(text));
  if (mistake) issues.fail(root, mistake[1]);
  try {
    return parseUntrustedJson(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return issues.fail(root, `is not valid JSON (${reason})`);
  }
}

/** Why a package URL is unusable, or null when packageurl-js accepts it. */
export function purlProblem(purl: string): string | null {
  const parsed = parsePurl(purl);
  if (parsed instanceof Error)
    return `${quote(purl)} is not a valid package URL (${parsed.message})`;
  // Percent-encoding can smuggle what the JSON text could not (pkg:npm/a%00b).
  const decoded = [parsed.namespace, parsed.name, parsed.version, parsed.subpath].join('');
  if (CONTROL_CHARACTERS.test(decoded)) return `${quote(purl)} decodes to control characters`;
  return null;
}

/** A string field: Zod's own wording names types, not what the author of the file must do. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A string field, bounded: names, versions and identifiers end up in index keys and email
 * subjects, where a 100 kB "version" has no business. Control characters are refused.
 */
export function text(max = 1000) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
    })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), {
      error: 'must not contain control characters',
    });
}

export function requiredText() {
  return text().min(1, { error: 'must not be empty' });
}

/** A string that `problemOf` must find nothing wrong with, reporting its reason if it does. */
function checkedText(problemOf: (value: string) => string | null) {
  return text().superRefine((value, context) => {
    const problem = problemOf(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

/** An optional list: absent gives none, anything but an array is an issue. */
export function listAt(value: unknown, field: string, issues: DocumentIssues): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== undefined && value !== null) issues.add(field, 'must be an array');
  return [];
}

/** An optional string field read by hand (outside a schema). */
function optionalText(value: unknown, field: string, issues: DocumentIssues): string | null {
  if (typeof value === 'string') return value;
  if (value !== undefined && value !== null) issues.add(field, 'must be a string');
  return null;
}

/** Shallow: nested `components` are walked by hand so their depth can be bounded. */
const cycloneDxComponent = z.object(
  {
    'bom-ref': text().nullish(),
    name: requiredText(),
    version: text().nullish(),
    group: text().nullish(),
    purl: checkedText(purlProblem).nullish(),
    cpe: checkedText(cpeProblem).nullish(),
  },
  { error: 'must be an object' },
);

/** One CycloneDX component and, depth first, the components nested in it. */
export function readCycloneDxComponent(
  value: unknown,
  field: string,
  issues: DocumentIssues,
  depth = 0,
): SbomComponent[] {
  const parsed = cycloneDxComponent.safeParse(value);
  const found: SbomComponent[] = [];
  if (parsed.success) {
    const { data } = parsed;
    found.push({
      ref: data['bom-ref'] ?? null,
      name: data.name,
      version: data.version ?? null,
      group: data.group ?? null,
      purl: data.purl ?? null,
      cpe: data.cpe ?? null,
    });
  } else {
    issues.addZod(field, parsed.error);
  }
  const nested = isRecord(value) ? value.components : undefined;
  if (nested !== undefined && nested !== null && depth + 1 >= MAX_NESTING) {
    issues.add(`${field}.components`, `nests deeper than ${MAX_NESTING} levels`);
  } else {
    found.push(...readCycloneDxComponents(nested, `${field}.components`, issues, depth + 1));
  }
  return found;
}

export function readCycloneDxComponents(
  list: unknown,
  field: string,
  issues: DocumentIssues,
  depth = 0,
): SbomComponent[] {
  return listAt(list, field, issues).flatMap((value, index) =>
    readCycloneDxComponent(value, `${field}[${index}]`, issues, depth),
  );
}

/** Refuses a CycloneDX document whose specVersion is not one of `supported`. */
export function checkCycloneDxVersion(
  document: Record<string, unknown>,
  root: string,
  supported: string[],
  issues: DocumentIssues,
): string {
  const version = document.specVersion;
  const field = `${root}.specVersion`;
  if (version === undefined) issues.fail(field, 'is required');
  if (typeof version !== 'string') issues.fail(field, 'must be a string such as "1.6"');
  if (!supported.includes(version)) {
    const range = `${supported[0]} to ${supported[supported.length - 1]}`;
    issues.fail(field, `CycloneDX ${version.slice(0, 20)} is not supported; ${range} are`);
  }
  return version;
}

function parseCycloneDx(document: Record<string, unknown>, issues: DocumentIssues): ParsedSbom {
  const specVersion = checkCycloneDxVersion(document, 'sbom', CYCLONEDX_VERSIONS, issues);
  const serialNumber = optionalText(document.serialNumber, 'sbom.serialNumber', issues);
  // metadata.component is the product the SBOM describes, not one of its dependencies.
  const components = readCycloneDxComponents(document.components, 'sbom.components', issues);
  issues.throwIfAny();
  return { format: 'cyclonedx', specVersion, serialNumber, components };
}

const spdxExternalReference = z
  .object(
    { referenceType: requiredText(), referenceLocator: requiredText() },
    { error: 'must be an object' },
  )
  .superRefine((reference, context) => {
    const { referenceType, referenceLocator } = reference;
    const problem =
      referenceType === 'purl'
        ? purlProblem(referenceLocator)
        : referenceType === 'cpe23Type'
          ? cpeProblem(referenceLocator)
          : null;
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['referenceLocator'] });
  });

const spdxPackage = z.object(
  {
    SPDXID: requiredText(),
    name: requiredText(),
    versionInfo: text().nullish(),
    externalRefs: z.array(spdxExternalReference, { error: 'must be an array' }).nullish(),
  },
  { error: 'must be an object' },
);

/** SPDX's way of saying "unknown" is not a version anyone can compare. */
const SPDX_NO_VALUE = new Set(['NOASSERTION', 'NONE']);

function parseSpdx(document: Record<string, unknown>, issues: DocumentIssues): ParsedSbom {
  const version = document.spdxVersion;
  if (typeof version !== 'string' || !SPDX_VERSIONS.includes(version)) {
    const shown = typeof version === 'string' ? version.slice(0, 20) : quote(version);
    issues.fail('sbom.spdxVersion', `${shown} is not supported; SPDX-2.2 and SPDX-2.3 are`);
  }
  const serialNumber = optionalText(document.documentNamespace, 'sbom.documentNamespace', issues);
  const components: SbomComponent[] = [];
  for (const [index, value] of listAt(document.packages, 'sbom.packages', issues).entries()) {
    const parsed = spdxPackage.safeParse(value);
    if (!parsed.success) {
      issues.addZod(`sbom.packages[${index}]`, parsed.error);
      continue;
    }
    const { SPDXID, name, versionInfo, externalRefs } = parsed.data;
    const locator = (type: string) =>
      externalRefs?.find((reference) => reference.referenceType === type)?.referenceLocator ?? null;
    components.push({
      ref: SPDXID,
      name,
      version: versionInfo && !SPDX_NO_VALUE.has(versionInfo) ? versionInfo : null,
      group: null,
      purl: locator('purl'),
      cpe: locator('cpe23Type'),
    });
  }
  issues.throwIfAny();
  return { format: 'spdx', specVersion: version.slice('SPDX-'.length), serialNumber, components };
}

/** Parses a CycloneDX or SPDX JSON SBOM; throws ValidationError naming each bad field. */
export function parseSbom(bytes: Buffer | string, fileName?: string): ParsedSbom {
  const issues: DocumentIssues = new DocumentIssues('SBOM', fileName);
  const document = readJsonDocument(bytes, 'sbom', issues);
  if (!isRecord(document)) {
    return issues.fail('sbom', 'must be a JSON object (a CycloneDX or SPDX document)');
  }
  if (document.bomFormat !== undefined) {
    if (document.bomFormat !== 'CycloneDX') {
      issues.fail('sbom.bomFormat', `${quote(document.bomFormat)} is not "CycloneDX"`);
    }
    return parseCycloneDx(document, issues);
  }
  if (document.spdxVersion !== undefined) return parseSpdx(document, issues);
  return issues.fail('sbom', 'is neither CycloneDX (no bomFormat) nor SPDX (no spdxVersion)');
}
