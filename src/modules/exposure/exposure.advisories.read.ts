/**
 * Reads OSV advisories from an uploaded file: one OSV object (`.json`), a JSON array of them,
 * NDJSON (`.ndjson`/`.jsonl`), any of those gzip-compressed, or a zip of `*.json` entries (the
 * shape of osv.dev's `all.zip`). Nothing touches a database; the caller decides what to keep.
 *
 * The upload is untrusted: decompression is streamed and the inflated bytes are counted as
 * they arrive, because a zip's or gzip's own size fields are written by whoever built it.
 * Memory stays bounded by `maxExpandedBytes`: NDJSON is handled a line at a time, and a JSON
 * document (a whole file or one zip entry) is held only up to that limit.
 */
import { parseUntrustedJson } from './exposure.json.js';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { z } from 'zod';
import { ValidationError } from '../../lib/errors.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}
export interface OsvSeverity {
  type: string;
  score: string;
}
export interface OsvAffected {
  package: { ecosystem: string; name: string; purl?: string };
  ranges: { type: string; repo?: string; events: OsvEvent[] }[];
  versions: string[];
  /** Per-package severity, which some databases give instead of the record's. */
  severity?: OsvSeverity[];
  ecosystemSpecific?: unknown;
  databaseSpecific?: unknown;
}
export interface OsvCredit {
  name: string;
  contact?: string[];
  type?: string;
}
export interface OsvRecord {
  id: string;
  modified: string;
  published: string | null;
  withdrawn: string | null;
  aliases: string[];
  related: string[];
  summary: string | null;
  details: string | null;
  severity: OsvSeverity[];
  affected: OsvAffected[];
  references: { type: string; url: string }[];
  databaseSpecific: unknown;
  credits?: OsvCredit[];
}
/** One record (or a whole JSON document) that could not be read; the file itself was readable. */
export interface ReadIssue {
  /** Where it is, e.g. `GO-2022-0001.json`, `advisories.ndjson line 17`, `osv.zip: PYSEC-2021-1.json`. */
  location: string;
  message: string;
}
export interface ReadLimits {
  /** Total bytes after decompression (the file's own size when it is not compressed). */
  maxExpandedBytes: number;
  /** Entries in a zip, counting directories and non-JSON entries. */
  maxEntries: number;
}
export type ReadItem = { record: OsvRecord; location: string } | { issue: ReadIssue };

// --- Schema -------------------------------------------------------------------------------

// Only range types change what "affected" means, so an unknown one is refused; severity,
// reference and ecosystem names are open sets that grow, and a new one must not sink a file.
const RANGE_TYPES = ['SEMVER', 'ECOSYSTEM', 'GIT'] as const;
const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    'must be an RFC 3339 timestamp',
  );
const jsonObject = z.record(z.string(), z.unknown());
const severitySchema = z.object({ type: z.string(), score: z.string() });

const eventSchema = z
  .strictObject({
    introduced: z.string().optional(),
    fixed: z.string().optional(),
    last_affected: z.string().optional(),
    limit: z.string().optional(),
  })
  .refine((event) => Object.keys(event).length === 1, {
    error: `must have exactly one of ${EVENT_KEYS.join(', ')}`,
  });

const rangeSchema = z
  .object({
    type: z.enum(RANGE_TYPES, {
      error: (iss) => `unknown range type ${JSON.stringify(iss.input)}`,
    }),
    repo: z.string().optional(),
    events: z.array(eventSchema).min(1),
    database_specific: jsonObject.optional(),
  })
  .superRefine((range, ctx) => {
    const has = (key: keyof OsvEvent) => range.events.some((event) => event[key] !== undefined);
    const fail = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (!has('introduced')) fail('events', 'needs an "introduced" event');
    if (has('fixed') && has('last_affected')) fail('events', 'mixes "fixed" and "last_affected"');
    if (range.type === 'GIT' && range.repo === undefined)
      fail('repo', 'is required for a GIT range');
  });

const affectedSchema = z.object({
  // Optional in OSV: osv.dev's CVE records describe GIT-only ranges without a package.
  package: z
    .object({
      ecosystem: z.string().min(1).max(100),
      name: z.string().min(1).max(500),
      purl: z.string().max(2000).optional(),
    })
    .optional(),
  severity: z.array(severitySchema).nullish(),
  ranges: z.array(rangeSchema).optional(),
  versions: z.array(z.string()).optional(),
  ecosystem_specific: jsonObject.optional(),
  database_specific: jsonObject.optional(),
});

const recordSchema = z.object({
  // Ids and names are index keys: bounded, so no entry outgrows an index row.
  id: z.string().min(1).max(200),
  modified: timestamp,
  published: timestamp.optional(),
  withdrawn: timestamp.optional(),
  aliases: z.array(z.string().max(200)).nullish(),
  related: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severitySchema).nullish(),
  affected: z.array(affectedSchema).nullish(),
  references: z.array(z.object({ type: z.string(), url: z.string() })).nullish(),
  credits: z
    .array(
      z.object({
        name: z.string(),
        contact: z.array(z.string()).optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  database_specific: jsonObject.optional(),
});
type ParsedRecord = z.infer<typeof recordSchema>;
type ParsedAffected = z.infer<typeof affectedSchema>;

// --- Zod issues as field messages (shared with the KEV and NVD readers) -------------------

/** `['affected', 0, 'ranges', 1, 'type']` → `affected[0].ranges[1].type`. */
export function fieldPathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

/** Zod's default for a missing field names the type; a person wants to hear it is missing. */
export const zodMessages: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (iss) =>
    iss.code === 'invalid_type' && iss.input === undefined ? 'is required' : undefined,
};

/** `field: message`, the first problem, and how many more there are. */
export function describeIssues(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more problems)` : '';
  return `${fieldPathOf(first?.path ?? []) || '(root)'}: ${first?.message ?? 'is not valid'}${more}`;
}

const MAX_FIELD_ISSUES = 20;

/** A ValidationError naming every bad field (up to a cap), each as `a[1].b: message`. */
export function validationErrorOf(error: z.ZodError, subject: string): ValidationError {
  const issues = error.issues.slice(0, MAX_FIELD_ISSUES).map((issue) => ({
    field: fieldPathOf(issue.path) || '(root)',
    message: issue.message,
  }));
  return new ValidationError(`${subject} is not valid: ${describeIssues(error)}`, issues);
}

// --- Records ------------------------------------------------------------------------------

function toAffected(
  affected: ParsedAffected & { package: NonNullable<ParsedAffected['package']> },
): OsvAffected {
  return {
    package: affected.package,
    ranges: affected.ranges ?? [],
    versions: affected.versions ?? [],
    ...(affected.severity ? { severity: affected.severity } : {}),
    ...(affected.ecosystem_specific ? { ecosystemSpecific: affected.ecosystem_specific } : {}),
    ...(affected.database_specific ? { databaseSpecific: affected.database_specific } : {}),
  };
}

function toRecord(parsed: ParsedRecord): OsvRecord {
  return {
    id: parsed.id,
    modified: parsed.modified,
    published: parsed.published ?? null,
    withdrawn: parsed.withdrawn ?? null,
    aliases: parsed.aliases ?? [],
    related: parsed.related ?? [],
    summary: parsed.summary ?? null,
    details: parsed.details ?? null,
    severity: parsed.severity ?? [],
    // An entry without a package cannot match any component, so it is left out.
    affected: (parsed.affected ?? []).flatMap((a) =>
      a.package ? [toAffected({ ...a, package: a.package })] : [],
    ),
    references: parsed.references ?? [],
    databaseSpecific: parsed.database_specific ?? null,
    ...(parsed.credits ? { credits: parsed.credits } : {}),
  };
}

/** Below V8's largest string (about 512 MB), with room for the parse. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

function recordItem(value: unknown, location: string): ReadItem {
  const parsed = recordSchema.safeParse(value, zodMessages);
  if (parsed.success) return { record: toRecord(parsed.data), location };
  return { issue: { location, message: describeIssues(parsed.error) } };
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: parseUntrustedJson(text) };
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * A whole JSON document: one record, or an array of them (`item N` counts from 1). A document
 * that does not parse is reported as an issue rather than thrown, so that one broken entry in
 * a zip is reported beside the others instead of hiding them.
 */
function* documentItems(bytes: Buffer, location: string): Generator<ReadItem> {
  // One JSON document is parsed whole; past this a string cannot hold it, so say so first.
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    yield {
      issue: {
        location,
        message: `one JSON document of ${bytes.length} bytes; the limit is ${MAX_DOCUMENT_BYTES} (split it, or use NDJSON)`,
      },
    };
    return;
  }
  const parsed = parseJson(withoutBom(bytes.toString('utf8')));
  if ('error' in parsed) {
    yield { issue: { location, message: parsed.error } };
  } else if (Array.isArray(parsed.value)) {
    for (const [index, value] of parsed.value.entries())
      yield recordItem(value, `${location} item ${index + 1}`);
  } else {
    yield recordItem(parsed.value, location);
  }
}

// --- Containers ---------------------------------------------------------------------------

function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function unreadable(fileName: string, kind: string, error: unknown): ValidationError {
  const reason = error instanceof Error ? error.message : String(error);
  return ValidationError.forField(
    'file',
    `'${fileName}' is not a readable ${kind} file (${reason})`,
  );
}

/** Counts inflated bytes across the whole upload and stops at the limit. */
class ExpansionBudget {
  private used = 0;
  constructor(
    private readonly fileName: string,
    private readonly limit: number,
  ) {}

  spend(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit)
      throw ValidationError.forField(
        'file',
        `'${this.fileName}' expands to more than ${this.limit} bytes, the limit for an advisory file`,
      );
  }
}

async function* counted(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  budget: ExpansionBudget,
): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    budget.spend(chunk.length);
    yield chunk;
  }
}

async function* gunzipped(bytes: Buffer, fileName: string): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  gunzip.end(bytes);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    throw unreadable(fileName, 'gzip', error);
  }
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/** NDJSON a line at a time; lines count from 1 and blank lines count but are skipped. */
async function* ndjsonItems(
  chunks: AsyncIterable<Buffer>,
  fileName: string,
): AsyncGenerator<ReadItem> {
  let lineNumber = 0;
  function* lineItem(line: Buffer): Generator<ReadItem> {
    lineNumber += 1;
    const text = line.toString('utf8').trim(); // trim() also drops a byte order mark
    if (text === '') return;
    const location = `${fileName} line ${lineNumber}`;
    const parsed = parseJson(text);
    yield 'error' in parsed
      ? { issue: { location, message: parsed.error } }
      : recordItem(parsed.value, location);
  }
  // The unfinished line is kept as a list of pieces so that a long line is copied once.
  let partial: Buffer[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      yield* lineItem(Buffer.concat([...partial, chunk.subarray(start, end)]));
      partial = [];
      start = end + 1;
    }
    if (start < chunk.length) partial.push(chunk.subarray(start));
  }
  if (partial.length > 0) yield* lineItem(Buffer.concat(partial));
}

function isJsonEntry(name: string): boolean {
  // macOS archivers add `__MACOSX/._x.json` resource forks that are not JSON.
  return /\.json$/i.test(name) && !name.startsWith('__MACOSX/');
}

async function* zipItems(
  fileName: string,
  bytes: Buffer,
  limits: ReadLimits,
): AsyncGenerator<ReadItem> {
  const budget = new ExpansionBudget(fileName, limits.maxExpandedBytes);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    throw unreadable(fileName, 'zip', error);
  }
  // yauzl walks exactly the central directory's count, so checking it up front is exact.
  if (zip.entryCount > limits.maxEntries)
    throw ValidationError.forField(
      'file',
      `'${fileName}' has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`,
    );
  try {
    for await (const entry of zip.eachEntry()) {
      if (!isJsonEntry(entry.fileName)) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const content = await collect(counted(stream as AsyncIterable<Buffer>, budget));
      yield* documentItems(content, `${fileName}: ${entry.fileName}`);
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw unreadable(fileName, 'zip', error);
  }
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const ZIP_MAGICS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/**
 * Yields each record with where it came from, or an issue for a record (or JSON document)
 * that is not valid OSV; it never throws for a bad record. It throws ValidationError (field
 * `file`) only when the container cannot be read (bad gzip or zip) or is over a limit.
 * Compression is recognised by its magic bytes, not the name; the name (less `.gz`) decides
 * NDJSON (`.ndjson`, `.jsonl`) against one JSON document (anything else).
 */
export async function* readOsvFile(
  input: { fileName: string; bytes: Buffer },
  limits: ReadLimits,
): AsyncGenerator<ReadItem> {
  const { fileName, bytes } = input;
  if (ZIP_MAGICS.some((magic) => bytes.subarray(0, 4).equals(magic)) || /\.zip$/i.test(fileName)) {
    yield* zipItems(fileName, bytes, limits);
    return;
  }
  const gzipped = bytes.subarray(0, 2).equals(GZIP_MAGIC);
  const budget = new ExpansionBudget(fileName, limits.maxExpandedBytes);
  const chunks = counted(gzipped ? gunzipped(bytes, fileName) : [bytes], budget);
  const innerName = fileName.replace(/\.gz$/i, '');
  if (/\.(ndjson|jsonl)$/i.test(innerName)) yield* ndjsonItems(chunks, fileName);
  else yield* documentItems(await collect(chunks), fileName);
}
