/**
 * Parses a CycloneDX VEX document (a CycloneDX 1.4–1.6 JSON BOM with `vulnerabilities[]`) into
 * statements: for one vulnerability, what the vendor says its state is and which components the
 * statement covers. A statement can close findings, so a document with any bad statement is
 * refused whole (ValidationError, fields such as `vex.vulnerabilities[2].analysis.state`): a
 * half-read VEX could hide exactly the finding that matters.
 */
import { z } from 'zod';
import {
  DocumentIssues,
  checkCycloneDxVersion,
  isRecord,
  purlProblem,
  quote,
  readCycloneDxComponent,
  readCycloneDxComponents,
  readJsonDocument,
  requiredText,
  text,
  type SbomComponent,
} from './exposure.sbom.js';

export const VEX_STATES = [
  'resolved',
  'resolved_with_pedigree',
  'exploitable',
  'in_triage',
  'false_positive',
  'not_affected',
] as const;

export type VexState = (typeof VEX_STATES)[number];

/** CycloneDX's impact-analysis justifications (the schema's enumeration since 1.4). */
const JUSTIFICATIONS = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;

export interface VexAffectedVersion {
  version: string | null;
  /** A vers range such as `vers:npm/>=1.0.0|<2.0.0`, kept as written. */
  range: string | null;
  status: 'affected' | 'unaffected' | 'unknown';
}

export interface VexAffected {
  /**
   * The package URL the statement is about, or null when `ref` could not be resolved (e.g. a
   * BOM-Link into another document). Null means "unknown component", never "every component".
   */
  purl: string | null;
  /** As written: a bom-ref of this document, a BOM-Link, or a package URL. */
  ref: string;
  /** Present only when the document lists versions for this ref. */
  versions?: VexAffectedVersion[];
}

export interface VexStatement {
  vulnerabilityId: string;
  /** `references[].id`: the same vulnerability under other names (CVE, GHSA, …). */
  aliases: string[];
  state: VexState;
  justification: string | null;
  detail: string | null;
  affects: VexAffected[];
}

const SUPPORTED_VERSIONS = ['1.4', '1.5', '1.6'];

function oneOf(values: readonly string[], what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? 'is required'
      : `${quote(issue.input)} is not a CycloneDX ${what} (one of ${values.join(', ')})`;
}

const affectedVersion = z
  .object(
    {
      version: text().nullish(),
      range: text().nullish(),
      status: z
        .enum(['affected', 'unaffected', 'unknown'], {
          error: oneOf(['affected', 'unaffected', 'unknown'], 'version status'),
        })
        .nullish(),
    },
    { error: 'must be an object' },
  )
  .refine((entry) => entry.version || entry.range, { error: 'needs a version or a range' });

const vulnerability = z.object(
  {
    id: requiredText(),
    references: z
      .array(z.object({ id: requiredText() }, { error: 'must be an object' }), {
        error: 'must be an array',
      })
      .nullish(),
    analysis: z.object(
      {
        state: z.enum(VEX_STATES, { error: oneOf(VEX_STATES, 'analysis state') }),
        justification: z
          .enum(JUSTIFICATIONS, { error: oneOf(JUSTIFICATIONS, 'justification') })
          .nullish(),
        detail: text(10_000).nullish(),
      },
      {
        error: (issue) =>
          issue.input === undefined
            ? 'is required: a VEX statement needs analysis.state'
            : 'must be an object',
      },
    ),
    affects: z
      .array(
        z.object(
          {
            ref: requiredText(),
            versions: z.array(affectedVersion, { error: 'must be an array' }).nullish(),
          },
          { error: 'must be an object' },
        ),
        {
          error: (issue) =>
            issue.input === undefined
              ? 'is required: a VEX statement must name what it covers'
              : 'must be an array',
        },
      )
      .min(1, { error: 'must name at least one component' }),
  },
  { error: 'must be an object' },
);

/**
 * bom-ref → purl over every component of the document, including `metadata.component` (a VEX
 * may speak about the product itself). The first definition of a ref wins.
 */
function purlsByReference(components: SbomComponent[]): Map<string, string> {
  const purls = new Map<string, string>();
  for (const { ref, purl } of components) {
    if (ref !== null && purl !== null && !purls.has(ref)) purls.set(ref, purl);
  }
  return purls;
}

/**
 * A ref's package URL: through this document's bom-refs, else the ref itself when it is a
 * package URL (tools often use the purl as the bom-ref), else the fragment of a BOM-Link
 * (`urn:cdx:<serial>/<version>#<bom-ref>`) when that fragment is a package URL.
 */
function resolvePurl(ref: string, purls: Map<string, string>): string | null {
  const known = purls.get(ref);
  if (known !== undefined) return known;
  if (purlProblem(ref) === null) return ref;
  const link = /^urn:cdx:[^#]*#(.+)$/.exec(ref);
  if (!link?.[1]) return null;
  try {
    const fragment = decodeURIComponent(link[1]);
    return purls.get(fragment) ?? (purlProblem(fragment) === null ? fragment : null);
  } catch {
    return null;
  }
}

function readComponents(document: Record<string, unknown>, issues: DocumentIssues) {
  const metadata = isRecord(document.metadata) ? document.metadata : {};
  const subject =
    metadata.component === undefined
      ? []
      : readCycloneDxComponent(metadata.component, 'vex.metadata.component', issues);
  return [...subject, ...readCycloneDxComponents(document.components, 'vex.components', issues)];
}

/** Parses a CycloneDX VEX JSON document; throws ValidationError naming each bad field. */
export function parseVex(bytes: Buffer | string, fileName?: string): VexStatement[] {
  const issues: DocumentIssues = new DocumentIssues('VEX document', fileName);
  const document = readJsonDocument(bytes, 'vex', issues);
  if (!isRecord(document)) issues.fail('vex', 'must be a JSON object (a CycloneDX VEX document)');
  if (document.bomFormat !== 'CycloneDX') {
    const found =
      document.bomFormat === undefined ? 'is required' : `${quote(document.bomFormat)} is not`;
    issues.fail('vex.bomFormat', `${found} (must be "CycloneDX": only CycloneDX VEX is supported)`);
  }
  checkCycloneDxVersion(document, 'vex', SUPPORTED_VERSIONS, issues);
  const purls = purlsByReference(readComponents(document, issues));
  const list = document.vulnerabilities;
  if (!Array.isArray(list)) {
    issues.fail('vex.vulnerabilities', list === undefined ? 'is required' : 'must be an array');
  }
  const statements: VexStatement[] = [];
  for (const [index, value] of list.entries()) {
    const parsed = vulnerability.safeParse(value);
    if (!parsed.success) {
      issues.addZod(`vex.vulnerabilities[${index}]`, parsed.error);
      continue;
    }
    const { id, references, analysis, affects } = parsed.data;
    statements.push({
      vulnerabilityId: id,
      aliases: [...new Set((references ?? []).map((reference) => reference.id))].filter(
        (alias) => alias !== id,
      ),
      state: analysis.state,
      justification: analysis.justification ?? null,
      detail: analysis.detail ?? null,
      affects: affects.map(({ ref, versions }) => ({
        purl: resolvePurl(ref, purls),
        ref,
        ...(versions
          ? {
              versions: versions.map((entry) => ({
                version: entry.version ?? null,
                range: entry.range ?? null,
                status: entry.status ?? 'affected',
              })),
            }
          : {}),
      })),
    });
  }
  issues.throwIfAny();
  return statements;
}
