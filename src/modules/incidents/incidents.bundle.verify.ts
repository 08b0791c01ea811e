import yauzl from 'yauzl';
import type { Evidence } from '../../contracts/incidents.js';
import { createChainVerifier } from '../../lib/hash-chain.js';
import {
  BUNDLE_FORMAT,
  evidencePath,
  sha256Of,
  type BundleManifest,
  type ExportedEntry,
} from './incidents.bundle.js';

export interface BundleCheck {
  ok: boolean;
  /** Each mismatch, naming the file it is in. */
  problems: string[];
  manifest: BundleManifest | null;
}

/**
 * Checks an exported bundle on its own, with nothing but the file: every file against the
 * manifest's SHA-256, nothing added or missing, the timeline's hash chain re-walked to the
 * manifest's head, and each evidence file against the hash recorded when it was acquired.
 */
export async function verifyBundle(zipBytes: Buffer): Promise<BundleCheck> {
  const files = await readZip(zipBytes);
  if (!files) return fail('the file is not a readable zip archive');
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) return fail('manifest.json is missing');
  // Read as untrusted until its format is checked: the file may be anything.
  const manifest = parse<BundleManifest | { format?: unknown }>(manifestBytes);
  if (!manifest) return fail('manifest.json is not JSON');
  if (manifest.format !== BUNDLE_FORMAT || !('files' in manifest) || !Array.isArray(manifest.files))
    return fail(`manifest.json: format ${JSON.stringify(manifest.format)} is not ${BUNDLE_FORMAT}`);

  const problems: string[] = [];
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const bytes = files.get(file.path);
    if (!bytes) problems.push(`${file.path}: missing from the bundle`);
    else if (sha256Of(bytes) !== file.sha256)
      problems.push(`${file.path}: altered (SHA-256 ${sha256Of(bytes)}, manifest ${file.sha256})`);
  }
  for (const path of files.keys())
    if (path !== 'manifest.json' && !listed.has(path))
      problems.push(`${path}: not listed in the manifest`);

  problems.push(...checkChain(files.get('timeline.json'), manifest));
  problems.push(...checkEvidence(files));
  return { ok: problems.length === 0, problems, manifest };

  function fail(problem: string): BundleCheck {
    return { ok: false, problems: [problem], manifest: null };
  }
}

function checkChain(bytes: Buffer | undefined, manifest: BundleManifest): string[] {
  if (!bytes) return ['timeline.json: missing from the bundle'];
  const entries = parse<ExportedEntry[]>(bytes);
  if (!entries) return ['timeline.json: not JSON'];
  const verifier = createChainVerifier();
  for (const { supersededBy: _listed, ...link } of entries) verifier.push(link);
  const result = verifier.finish({ seq: manifest.chain.entries, hash: manifest.chain.headHash });
  return result.ok
    ? []
    : [`timeline.json: entry ${result.firstBreak!.seq}: ${result.firstBreak!.message}`];
}

function checkEvidence(files: ReadonlyMap<string, Buffer>): string[] {
  const bytes = files.get('evidence.json');
  if (!bytes) return [];
  const items = parse<(Evidence & { included: boolean })[]>(bytes);
  if (!items) return ['evidence.json: not JSON'];
  const problems: string[] = [];
  for (const item of items.filter((i) => i.included)) {
    const content = files.get(evidencePath(item));
    if (!content) problems.push(`${evidencePath(item)}: missing from the bundle`);
    else if (sha256Of(content) !== item.sha256)
      problems.push(`${evidencePath(item)}: does not match the SHA-256 taken at acquisition`);
  }
  return problems;
}

function parse<T>(bytes: Buffer): T | null {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    return null;
  }
}

async function readZip(bytes: Buffer): Promise<Map<string, Buffer> | null> {
  try {
    const zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      validateEntrySizes: true,
    });
    const files = new Map<string, Buffer>();
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>)
        chunks.push(chunk);
      files.set(entry.fileName, Buffer.concat(chunks));
    }
    return files;
  } catch {
    return null;
  }
}
