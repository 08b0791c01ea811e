import type { Command } from 'commander';
import { statSync } from 'node:fs';
import type { EventLine, IngestResult } from '../contracts/detection.js';
import { systemContext } from '../lib/principal.js';
import {
  createLineParser,
  eventsOf,
  LOG_FORMATS,
  parseMappingOption,
  parseOutcomeMapOption,
  type LineParser,
  type LogFormat,
} from '../modules/detection/parsers/index.js';
import { readLines } from './ingest.follow.js';
import { openLocalApp } from './local-app.js';

const BATCH_EVENTS = 5000;
/** While following, a partial batch is sent after this long so alerts are not held back. */
const FOLLOW_FLUSH_MS = 1000;

interface IngestOptions {
  format: string;
  follow?: boolean;
  loginPath: string;
  failureStatus: string;
  map?: string;
  outcomeMap?: string;
  type?: string;
  timeZone: string;
  server?: string;
}

type Sink = (events: EventLine[]) => Promise<IngestResult>;

/**
 * `cordon ingest --format sshd|nginx|apache|json [--follow] FILE`: parses a log and sends its
 * events to detection, in batches. Without --server it writes to the local database like the
 * other commands; with --server it ships to a running Cordon over HTTP (token from
 * CORDON_API_TOKEN, never a flag: flags show in `ps`), backing off when told to.
 */
export function registerIngestCommands(program: Command): void {
  program
    .command('ingest <file>')
    .description('parse a log file (or follow it) and feed its events to attack detection')
    .requiredOption('--format <format>', `one of ${LOG_FORMATS.join(', ')}`)
    .option('--follow', 'keep reading as the file grows and across rotation, like tail -F')
    .option('--login-path <path>', 'nginx/apache: the login endpoint', '/login')
    .option('--failure-status <codes>', 'nginx/apache: statuses of a failed login', '401,403')
    .option(
      '--map <fields>',
      'json: field mapping, e.g. at=@timestamp,account=user.name,ip=source.ip',
    )
    .option('--outcome-map <values>', 'json: outcome values, e.g. failure=bad_password,ok=success')
    .option('--type <type>', 'json: event type when lines do not say (login, api_access, http)')
    .option('--time-zone <zone>', 'sshd: the server time zone of classic syslog timestamps', 'UTC')
    .option('--server <url>', 'ship to a running Cordon instead of the local database')
    .action(async (file: string, options: IngestOptions) => {
      const parser = parserFor(file, options);
      const { sink, close } = options.server ? httpSink(options.server) : await localSink();
      try {
        const totals = await run(file, parser, sink, options.follow === true);
        printSummary(parser, totals);
      } finally {
        await close();
      }
    });
}

function parserFor(file: string, options: IngestOptions): LineParser {
  const format = options.format as LogFormat;
  if (!LOG_FORMATS.includes(format)) fail(`--format: must be one of ${LOG_FORMATS.join(', ')}`);
  try {
    if (format === 'sshd')
      return createLineParser('sshd', {
        referenceTime: statSync(file).mtime,
        timeZone: options.timeZone,
      });
    if (format === 'json')
      return createLineParser('json', {
        map: options.map ? parseMappingOption(options.map) : {},
        ...(options.outcomeMap ? { outcomeMap: parseOutcomeMapOption(options.outcomeMap) } : {}),
        ...(options.type ? { type: options.type as 'login' } : {}),
      });
    const failureStatuses = options.failureStatus.split(',').map((code) => Number(code.trim()));
    if (failureStatuses.some((code) => !Number.isInteger(code) || code < 100 || code > 599))
      fail('--failure-status: must be HTTP status codes separated by commas, e.g. 401,403');
    return createLineParser(format, { loginPath: options.loginPath, failureStatuses });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

async function run(file: string, parser: LineParser, sink: Sink, follow: boolean) {
  const totals = { accepted: 0, duplicates: 0, rejected: 0, late: 0, signals: 0 };
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  let batch: EventLine[] = [];
  const send = async () => {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    const result = await sink(lines);
    totals.accepted += result.accepted;
    totals.duplicates += result.duplicates;
    totals.rejected += result.rejected;
    totals.signals += result.signals;
    totals.late += result.late;
    for (const error of result.errors.slice(0, 3))
      console.error(`  refused event: ${error.field} ${error.message}`);
    if (process.stderr.isTTY || follow)
      console.error(
        `${parser.report.lines.toLocaleString('en')} lines read, ${totals.accepted.toLocaleString('en')} events recorded, ${totals.signals} detector signals`,
      );
  };
  // One send at a time, whether a full batch or the timer asks for it.
  let sending: Promise<void> = Promise.resolve();
  const flush = () => (sending = sending.then(send));
  // While following, what arrived is sent every second even if the log then goes quiet: the
  // last attempts of a burst must not wait for the next line.
  const timer = follow
    ? setInterval(() => {
        // A failed send stops the run; the error surfaces from the final flush below.
        flush().catch(() => controller.abort());
      }, FOLLOW_FLUSH_MS)
    : null;
  try {
    for await (const line of readLines(file, { follow, signal: controller.signal })) {
      batch.push(...eventsOf(parser.parse(line)));
      if (batch.length >= BATCH_EVENTS) await flush();
    }
  } finally {
    if (timer) clearInterval(timer);
  }
  await flush();
  return totals;
}

async function localSink(): Promise<{ sink: Sink; close: () => Promise<void> }> {
  const local = await openLocalApp();
  const context = systemContext('cli ingest');
  return {
    // In process: the parser's objects go straight in, without a JSON round trip.
    sink: (events) => local.services.detection.ingest.ingestLines(context, events),
    close: local.close,
  };
}

function httpSink(server: string): { sink: Sink; close: () => Promise<void> } {
  const token = process.env.CORDON_API_TOKEN;
  if (!token) fail('--server needs an API token with the ingest scope in CORDON_API_TOKEN');
  const url = `${server.replace(/\/+$/, '')}/api/v1/events`;
  const sink: Sink = async (events) => {
    const ndjson = events.map((event) => JSON.stringify(event)).join('\n');
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: ndjson,
      });
      if (response.ok) return (await response.json()) as IngestResult;
      // Busy or rate-limited: wait as told and send the same batch again (ids make it safe).
      if ((response.status === 429 || response.status >= 500) && attempt < 20) {
        const wait = Number(response.headers.get('retry-after') ?? attempt);
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60) * 1000));
        continue;
      }
      throw new Error(
        `${url} answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    }
  };
  return { sink, close: async () => {} };
}

function printSummary(
  parser: LineParser,
  totals: { accepted: number; duplicates: number; rejected: number; late: number; signals: number },
) {
  const report = parser.report;
  console.log(
    `${report.lines.toLocaleString('en')} lines: ${report.events.toLocaleString('en')} events, ` +
      `${report.skipped.toLocaleString('en')} not relevant, ${report.unparseable.toLocaleString('en')} unparseable. ` +
      `Recorded ${totals.accepted.toLocaleString('en')} (${totals.duplicates.toLocaleString('en')} already known, ` +
      `${totals.rejected} refused, ${totals.late} too late for the detectors); ${totals.signals} detector signals.`,
  );
  for (const sample of report.samples)
    console.log(`  line ${sample.line}: ${sample.reason}: ${sample.text}`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
