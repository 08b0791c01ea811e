import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoAdvisories } from '../src/cli/demo/exposure.advisories.js';
import { createAdvisoryStore } from '../src/modules/exposure/exposure.advisories.store.js';
import { createComponentStore } from '../src/modules/exposure/exposure.components.store.js';
import { createMatchEngine } from '../src/modules/exposure/exposure.engine.js';
import { vendorInput } from '../src/contracts/vendors.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadConfig } from '../src/lib/config.js';
import { systemContext } from '../src/lib/principal.js';
import { buildApp } from '../src/server/app.js';
import { formatCount } from './support/instance.js';

/**
 * Software exposure (issue 5), in process on a fresh database: load ≥ 50,000 advisories (the
 * shared Go, RustSec and KEV feeds plus synthetic npm advisories), spread components over 100
 * vendors, then time a 10,000-component SBOM upload (parse, diff, index lookups, findings,
 * commit) and the "who is affected by this new advisory" lookup. Targets: SBOM < 1 s, new
 * advisory → vendors < 10 ms, peak RSS < 1 GB. The shared real SBOMs are timed too.
 */
const SHARED = path.resolve(import.meta.dirname, '../../shared/data');
const ctx = systemContext('bench');
const packageName = (index: number) => `bench-pkg-${index}`;

export async function runExposureBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      advisories: { type: 'string', default: '50000' },
      components: { type: 'string', default: '10000' },
      vendors: { type: 'string', default: '100' },
      postgres: { type: 'boolean', default: false },
    },
  });
  const target = Number(values.advisories);
  const componentCount = Number(values.components);
  const vendorCount = Number(values.vendors);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cordon-exposure-bench-'));
  const databaseUrl = values.postgres ? await freshPostgres() : undefined;
  const config = loadConfig(
    {},
    { dataDir, logLevel: 'silent', ...(databaseUrl ? { databaseUrl } : {}) },
  );
  const db = createDatabase({ databaseUrl, dataDir });
  try {
    await migrateToLatest(db);
    const { services, app } = await buildApp({
      config,
      db,
      masterKey: Buffer.alloc(32, 7),
      mail: { send: () => Promise.resolve() },
      jobs: { enqueue: () => Promise.reject(new Error('this benchmark runs no jobs')) },
    });
    const { exposure } = services;
    console.log(
      `exposure bench on ${db.dialect}: ${formatCount(target)} advisories, ${formatCount(componentCount)}-component SBOM, ${vendorCount} vendors`,
    );

    // 1. Advisories: the real feeds, then synthetic npm ones up to the target.
    let loaded = 0;
    const started = performance.now();
    for (const [kind, file] of [
      ['kev', 'advisories/cisa-kev.json'],
      ['osv', 'advisories/go-vulndb.osv.ndjson.gz'],
      ['osv', 'advisories/rustsec.osv.ndjson.gz'],
    ] as const) {
      const t0 = performance.now();
      const result = await exposure.advisories.importFile(ctx, kind, {
        fileName: path.basename(file),
        bytes: readFileSync(path.join(SHARED, file)),
      });
      if (kind === 'osv') loaded += result.records;
      console.log(`  ${file}: ${formatCount(result.records)} records in ${ms(t0)}`);
    }
    await exposure.advisories.importFile(ctx, 'osv', {
      fileName: 'demo.json',
      bytes: Buffer.from(JSON.stringify(demoAdvisories)),
    });
    loaded += demoAdvisories.length;
    const synthetic = Math.max(0, target - loaded);
    const packages = Math.ceil(componentCount * 1.5);
    const t1 = performance.now();
    for (let first = 0; first < synthetic; first += 10_000) {
      const lines = [];
      for (let i = first; i < Math.min(synthetic, first + 10_000); i++)
        lines.push(JSON.stringify(syntheticAdvisory(i, packages)));
      await exposure.advisories.importFile(ctx, 'osv', {
        fileName: `synthetic-${first}.ndjson`,
        bytes: Buffer.from(lines.join('\n')),
      });
      process.stdout.write(
        `\r  synthetic: ${formatCount(Math.min(synthetic, first + 10_000))} of ${formatCount(synthetic)}`,
      );
    }
    process.stdout.write('\n');
    loaded += synthetic;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `advisories loaded: ${formatCount(loaded)} OSV + 1,404 KEV in ${seconds.toFixed(1)} s = ${formatCount(Math.round(loaded / seconds))} advisories/s (synthetic alone: ${formatCount(Math.round(synthetic / ((performance.now() - t1) / 1000)))}/s)`,
    );

    // 2. Vendors, each running a slice of the package space, so the component index is full.
    const vendorIds: string[] = [];
    for (let v = 0; v < vendorCount; v++) {
      const vendor = await services.vendors.vendors.create(
        ctx,
        vendorInput.parse({ legalName: `Bench Vendor ${v}` }),
      );
      vendorIds.push(vendor.id);
      const purls = Array.from(
        { length: 500 },
        (_, i) => `pkg:npm/${packageName((v * 97 + i * 31) % packages)}@1.${i % 4}.0`,
      );
      await exposure.sboms.upload(ctx, vendor.id, null, {
        fileName: `vendor-${v}.json`,
        bytes: Buffer.from(cycloneDx(purls)),
      });
    }
    console.log(
      `components indexed: ${formatCount(vendorCount * 500)} over ${vendorCount} vendors`,
    );

    // 3. The 10,000-component SBOM: first upload, the same again, and one with 10% changed.
    const big = await services.vendors.vendors.create(
      ctx,
      vendorInput.parse({ legalName: 'Big SBOM Vendor' }),
    );
    const bigPurls = (shift: number) =>
      Array.from(
        { length: componentCount },
        (_, i) => `pkg:npm/${packageName(i)}@1.${(i + (i % 10 === 3 ? shift : 0)) % 4}.0`,
      );
    for (const [label, purls] of [
      ['first upload', bigPurls(0)],
      ['same SBOM again', bigPurls(0)],
      ['10% of versions changed', bigPurls(1)],
    ] as const) {
      const bytes = Buffer.from(cycloneDx([...purls]));
      const t0 = performance.now();
      const result = await exposure.sboms.upload(ctx, big.id, null, {
        fileName: 'big.json',
        bytes,
      });
      console.log(
        `SBOM ${formatCount(componentCount)} components, ${label}: ${ms(t0)} (${(bytes.length / 1e6).toFixed(1)} MB; ${formatCount(result.changed)} components changed, ${formatCount(result.findingsOpened)} findings opened, ${formatCount(result.findingsFixed)} fixed)`,
      );
    }

    // The match step alone (index lookups and range evaluation), without writing findings.
    const engine = createMatchEngine(createAdvisoryStore(db.kysely));
    const current = await createComponentStore(db.kysely).inScope(`vendor:${big.id}`, 'sbom');
    const matchTimes: number[] = [];
    let matched = 0;
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      matched = (await engine.match(current, db.kysely)).length;
      matchTimes.push(performance.now() - t0);
    }
    matchTimes.sort((a, b) => a - b);
    console.log(
      `match step alone, ${formatCount(current.length)} components: median ${Math.round(matchTimes[2]!)} ms of 5 (${formatCount(matched)} matches)`,
    );

    // 4. One new advisory: who runs the package it names?
    const fresh = {
      ...syntheticAdvisory(0, packages),
      id: 'BENCH-NEW-1',
      affected: [
        {
          package: { ecosystem: 'npm', name: packageName(7) },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '9.0.0' }] }],
        },
      ],
    };
    const t2 = performance.now();
    const imported = await exposure.advisories.importFile(ctx, 'osv', {
      fileName: 'new.json',
      bytes: Buffer.from(JSON.stringify(fresh)),
    });
    console.log(
      `new advisory imported with its findings: ${ms(t2)} (${imported.findingsOpened} findings)`,
    );
    const timings: number[] = [];
    let impact = await exposure.advisories.impact(ctx, 'BENCH-NEW-1');
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      impact = await exposure.advisories.impact(ctx, 'BENCH-NEW-1');
      timings.push(performance.now() - t0);
    }
    timings.sort((a, b) => a - b);
    console.log(
      `new advisory → affected vendors: median ${timings[25]!.toFixed(2)} ms, p95 ${timings[47]!.toFixed(2)} ms (${impact.vendors} vendors, ${impact.components.length} components)`,
    );

    // 5. The real SBOMs.
    const real = await services.vendors.vendors.create(
      ctx,
      vendorInput.parse({ legalName: 'Real SBOM Vendor' }),
    );
    for (const file of [
      'keycloak-10.0.2.cdx.json',
      'juice-shop-11.1.2.cdx.json',
      'proton-bridge-1.8.0.cdx.json',
      'laravel-7.12.0.cdx.json',
    ]) {
      const t0 = performance.now();
      const result = await exposure.sboms.upload(ctx, real.id, null, {
        fileName: file,
        bytes: readFileSync(path.join(SHARED, 'sbom', file)),
      });
      console.log(
        `  ${file}: ${result.componentCount} components in ${ms(t0)}, ${result.findingsOpened} findings opened`,
      );
    }
    console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
    await app.close();
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropPostgres(databaseUrl);
  }
}

function syntheticAdvisory(index: number, packages: number) {
  return {
    id: `BENCH-${index}`,
    modified: '2026-01-01T00:00:00Z',
    aliases: [`CVE-2099-${String(index).padStart(5, '0')}`],
    summary: `Synthetic advisory ${index}`,
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: packageName((index * 7919) % packages) },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `1.${index % 4}.0` }] }],
      },
    ],
  };
}

function cycloneDx(purls: readonly string[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    components: purls.map((purl) => ({
      type: 'library',
      name: purl.slice(8, purl.indexOf('@')),
      version: purl.slice(purl.indexOf('@') + 1),
      purl,
    })),
  });
}

const ms = (start: number) => `${Math.round(performance.now() - start).toLocaleString('en')} ms`;

async function adminQuery(sql: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function dropPostgres(url: string): Promise<void> {
  await adminQuery(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
}

/** A throwaway database on the local PostgreSQL server. */
async function freshPostgres(): Promise<string> {
  const name = `cordon_bench_exposure_${process.pid}`;
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}
