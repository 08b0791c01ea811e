import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createDatabase, type Db } from '../src/db/database.js';
import { createVendorStateStore } from '../src/modules/assessments/assessments.state.store.js';
import { createToken, send, sendJson, signIn } from './support/api.js';
import { createInstance, formatCount, waitForQuietMachine } from './support/instance.js';
import { loadTest } from './support/load.js';
import type { RunningServer } from './support/server.js';

/**
 * Assessment lists and the portfolio dashboard (issue 4): 10,000 vendors (imported through the
 * API as CSV) and 50,000 assessments with their findings and decisions. The assessments are
 * written straight into the database while the server is stopped (sending and answering 50,000
 * questionnaires through the portal would take hours and measure nothing these reads depend
 * on); then the built server is restarted and each read is driven through the API with a
 * `read` token. Target: p95 < 50 ms per call.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** One user looking at the dashboard, and a busy team (or an automation) at ten at once. */
const CONNECTION_COUNTS = [1, 10];
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export async function runAssessmentsBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      vendors: { type: 'string', default: '10000' },
      assessments: { type: 'string', default: '50000' },
      postgres: { type: 'boolean', default: false },
    },
  });
  const vendorCount = Number(values.vendors);
  const assessmentCount = Number(values.assessments);
  const instance = await createInstance({ postgres: values.postgres });
  let server: RunningServer | undefined;
  try {
    server = await instance.start();
    const session = await signIn(server.url);
    await importVendors(server.url, session, vendorCount);
    await server.stop();
    server = undefined;

    const db = createDatabase({
      databaseUrl: instance.env.DATABASE_URL,
      dataDir: instance.dataDir,
    });
    const seeded = await seedAssessments(db, assessmentCount);
    await db.close();
    console.log(
      `seeded ${formatCount(assessmentCount)} assessments, ${formatCount(seeded.findings)} findings, ` +
        `${formatCount(seeded.decisions)} decisions for ${formatCount(vendorCount)} vendors on ${instance.dialect}`,
    );

    server = await instance.start();
    const token = await createToken(server.url, await signIn(server.url), ['read']);
    await waitForQuietMachine('assessments');
    const vendorId = seeded.sampleVendorId;
    const targets: [string, string][] = [
      ['assessment list, 50 rows', '/api/v1/assessments?limit=50'],
      ['assessment list, filtered by status', '/api/v1/assessments?status=overdue&limit=50'],
      ['assessment list, one vendor', `/api/v1/assessments?vendorId=${vendorId}`],
      ['assessment detail', `/api/v1/assessments/${seeded.sampleAssessmentId}`],
      ['residual risk, one vendor', `/api/v1/vendors/${vendorId}/residual-risk`],
      ['portfolio heat map (all vendors)', '/api/v1/residual-risk/heat-map'],
      ['reassessment schedule (all vendors)', '/api/v1/assessments/schedule'],
    ];
    for (const [label, path] of targets) {
      const probe = await send(`${server.url}${path}`, { headers: token });
      if (probe.status !== 200) throw new Error(`${path}: HTTP ${probe.status} ${probe.text}`);
      for (const connections of CONNECTION_COUNTS)
        await measure(server.url, path, token, label, connections);
    }
    console.log(`server peak RSS: ${server.peakRssMiB() ?? 'n/a'} MiB`);
  } finally {
    await server?.stop();
    await instance.cleanup();
  }
}

async function importVendors(url: string, session: Record<string, string>, count: number) {
  const started = performance.now();
  for (let first = 0; first < count; first += 2_000) {
    const lines = ['legal_name,services,status'];
    for (let i = first; i < Math.min(count, first + 2_000); i += 1)
      lines.push(`Bench Vendor ${String(i).padStart(5, '0')} Ltd,Services,active`);
    await sendJson(`${url}/api/v1/vendors/import`, {
      method: 'POST',
      headers: { ...session, 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
  }
  console.log(
    `imported ${formatCount(count)} vendors through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * Five assessments a vendor: older ones decided, the newest sent, submitted, overdue or
 * decided, so lists, filters, the heat map and the schedule all have real work to do.
 */
export async function seedAssessments(db: Db, count: number) {
  const kysely = db.kysely;
  // Tiers spread over the portfolio as a shop's would be: a few critical, most low.
  const vendors = await kysely.selectFrom('vendors').select('id').orderBy('id').execute();
  await kysely
    .updateTable('vendors')
    .set({ risk_tier: 'high' })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('vendors')
        .select('id')
        .orderBy('id')
        .limit(Math.round(vendors.length / 5)),
    )
    .execute();
  const template = await kysely
    .selectFrom('questionnaire_templates')
    .select(['id', 'latest_version'])
    .where('key', '=', 'cordon_lite')
    .executeTakeFirstOrThrow();
  const day = (offset: number) =>
    new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const statuses = ['decided', 'decided', 'decided', 'submitted', 'sent', 'overdue'] as const;
  let findings = 0;
  let decisions = 0;
  let sampleAssessmentId = '';
  const perVendor = Math.max(1, Math.round(count / vendors.length));
  for (let start = 0; start < vendors.length; start += 200) {
    await kysely.transaction().execute(async (trx) => {
      for (const [offset, vendor] of vendors.slice(start, start + 200).entries()) {
        const v = start + offset;
        for (let n = 0; n < perVendor && v * perVendor + n < count; n += 1) {
          const id = randomUUID();
          const status = n < perVendor - 1 ? 'decided' : statuses[v % statuses.length]!;
          const at = `${day(n * 30 + (v % 30))}T10:00:00.000Z`;
          const submitted = status === 'decided' || status === 'submitted';
          await trx
            .insertInto('assessments')
            .values({
              id,
              vendor_id: vendor.id,
              integration_id: null,
              template_id: template.id,
              template_version: template.latest_version,
              template_name: 'Vendor security review (lite)',
              status,
              due_date: day(n * 30 + (v % 30) + 21),
              recipient_name: null,
              recipient_email: 'security@vendor.example',
              control_score: submitted ? 40 + ((v * 7 + n) % 60) : null,
              created_by: null,
              created_at: at,
              updated_at: at,
              sent_at: at,
              submitted_at: submitted ? at : null,
              decided_at: status === 'decided' ? at : null,
            })
            .execute();
          sampleAssessmentId ||= id;
          if (submitted) {
            const rows = [0, 1].map((k) => ({
              id: randomUUID(),
              assessment_id: id,
              vendor_id: vendor.id,
              question_key: null,
              source: 'questionnaire',
              title: `Bench finding ${k}`,
              detail: '',
              severity: SEVERITIES[(v + k + n) % 4]!,
              status: k === 0 && n === perVendor - 1 ? 'open' : 'fixed',
              requested_remediation: '',
              remediation_plan: null,
              remediation_due: null,
              created_by: null,
              created_at: at,
              updated_at: at,
            }));
            await trx.insertInto('assessment_findings').values(rows).execute();
            findings += rows.length;
          }
          if (status === 'decided') {
            await trx
              .insertInto('assessment_decisions')
              .values({
                id: randomUUID(),
                assessment_id: id,
                vendor_id: vendor.id,
                sequence: n + 1,
                integration_id: null,
                outcome: 'approve',
                reason: 'Bench',
                expires_on: null,
                decided_by: 'bench',
                decided_at: at,
              })
              .execute();
            decisions += 1;
          }
        }
      }
    });
  }
  // What submitting and reviewing would have kept up to date, rebuilt the same way.
  const state = createVendorStateStore(kysely);
  for (let start = 0; start < vendors.length; start += 500)
    await kysely.transaction().execute(async (trx) => {
      for (const vendor of vendors.slice(start, start + 500))
        await state.refresh(vendor.id, new Date().toISOString(), trx);
    });
  return { findings, decisions, sampleVendorId: vendors[0]!.id, sampleAssessmentId };
}

async function measure(
  url: string,
  path: string,
  headers: Record<string, string>,
  label: string,
  connections: number,
) {
  const result = await loadTest({ url: `${url}${path}`, headers, connections, seconds: SECONDS });
  console.log(
    `GET ${label}, ${connections} connection${connections === 1 ? '' : 's'}: ` +
      `${formatCount(result.requestsPerSecond)} req/s, p50 ${result.p50.toFixed(1)} ms, ` +
      `p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.failures} errors`,
  );
}
