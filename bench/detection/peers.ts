import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { createConnection } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, percentile } from '../support/server.js';
import { formatCount } from '../support/instance.js';

/**
 * The peers DESIGN §8 measures detection against: fail2ban and CrowdSec on the same sshd log,
 * as Debian ships them, each replaying the file the way its documentation does. All state is
 * in a temp dir, no service is started, and a missing tool is reported rather than fatal.
 *
 * Run alone: `node --import tsx bench/detection/peers.ts [log] [--runs 3] [--scale 1]`. The
 * wall time is the median of --runs runs; --scale N concatenates N copies of the log, since at
 * 7,000 lines start-up dominates (alerts are only meaningful at --scale 1).
 */
export interface PeerResult {
  peer: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  version?: string;
  /** The timed command, exactly as run. */
  command?: string;
  lines: number;
  /** fail2ban: lines its filter matched as failures, and their distinct addresses. */
  matchedLines?: number;
  matchedIps?: number;
  /** fail2ban: bans its default jail would issue; CrowdSec: alerts raised. */
  alerts: number;
  /** Distinct addresses banned or alerted on. */
  ips: string[];
  scenarios?: Record<string, number>;
  /** Median over the runs. */
  wallMs: number;
  linesPerSecond: number;
  /** The same command on an empty log: start-up and shut-down, not throughput. */
  emptyRunMs?: number;
}

export interface PeerOptions {
  log: string;
  runs?: number;
  scale?: number;
}

const FAIL2BAN_FILTERS = ['/etc/fail2ban/filter.d/sshd.conf', 'sshd[mode=aggressive]'];
/** fail2ban's shipped [DEFAULT] jail: 5 failures within 10 minutes bans for 10 minutes. */
const JAIL = { maxRetry: 5, findTimeSeconds: 600, banTimeSeconds: 600 };
/** Debian's offline hub first: the online hub needs the internet. */
const HUB_DIRS = ['/usr/share/crowdsec/hub', '/var/lib/crowdsec/hub'];
/** What Debian enables for sshd: syslog and sshd parsing, dates, whitelists, both ssh scenarios. */
const CROWDSEC_ITEMS = [
  'parsers/s00-raw/crowdsecurity/syslog-logs.yaml',
  'parsers/s01-parse/crowdsecurity/sshd-logs.yaml',
  'parsers/s02-enrich/crowdsecurity/dateparse-enrich.yaml',
  'parsers/s02-enrich/crowdsecurity/whitelists.yaml',
  'scenarios/crowdsecurity/ssh-bf.yaml',
  'scenarios/crowdsecurity/ssh-slow-bf.yaml',
  'collections/crowdsecurity/sshd.yaml',
];

export async function runPeers(options: PeerOptions): Promise<PeerResult[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'cordon-peers-'));
  const text = readFileSync(path.resolve(options.log), 'utf8');
  const scale = options.scale ?? 1;
  const log = scale > 1 ? path.join(work, `log-x${scale}.log`) : path.resolve(options.log);
  if (scale > 1) writeFileSync(log, text.repeat(scale));
  const lines = text.split('\n').filter(Boolean).length * scale;
  const context: Context = {
    log,
    lines,
    work,
    runs: options.runs ?? 3,
    empty: `${work}/empty.log`,
  };
  writeFileSync(context.empty, '');
  const results: PeerResult[] = [];
  try {
    const f2b = await ensureInstalled('fail2ban', 'fail2ban-regex');
    for (const filter of FAIL2BAN_FILTERS) {
      const peer = `fail2ban ${filter.endsWith('.conf') ? 'sshd' : filter}`;
      results.push(f2b ? skipped(peer, lines, f2b) : await runFail2ban(peer, filter, context));
    }
    const cs = await ensureInstalled('crowdsec', 'crowdsec');
    results.push(cs ? skipped('crowdsec', lines, cs) : await runCrowdsec(context));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  printTable(results);
  return results;
}

interface Context {
  log: string;
  lines: number;
  work: string;
  runs: number;
  empty: string;
}

async function runFail2ban(peer: string, filter: string, c: Context): Promise<PeerResult> {
  const cwd = c.work;
  const version = (await run('fail2ban-regex', ['--version'], { cwd })).stdout.trim();
  const args = [c.log, filter];
  const timed = await timedRuns('fail2ban-regex', args, cwd, c.runs);
  if (timed.code !== 0) return failed(peer, c.lines, `exit ${timed.code}: ${timed.stderr}`);
  const summary = /Lines: \d+ lines, \d+ ignored, (\d+) matched/.exec(timed.stdout);
  // fail2ban-regex only matches; banning is the jail's job, so replay its counting here.
  const listed = await run('fail2ban-regex', ['-o', '<time> <ip>', ...args], { cwd });
  const failures = [...listed.stdout.matchAll(/^(\d+(?:\.\d+)?) (\S+)$/gm)].map((m) => ({
    time: Number(m[1]),
    ip: m[2]!,
  }));
  const bans = replayJail(failures);
  const empty = await run('fail2ban-regex', [c.empty, filter], { cwd });
  return {
    ...{ peer, status: 'ok', version, command: ['fail2ban-regex', ...args].join(' ') },
    lines: c.lines,
    matchedLines: summary ? Number(summary[1]) : failures.length,
    matchedIps: new Set(failures.map((f) => f.ip)).size,
    alerts: bans.length,
    ips: [...new Set(bans)],
    wallMs: timed.ms,
    linesPerSecond: (c.lines * 1000) / timed.ms,
    emptyRunMs: empty.ms,
  };
}

/** fail2ban's FailManager: a ban clears the address's failures; a banned address is dropped. */
export function replayJail(failures: { time: number; ip: string }[], jail = JAIL): string[] {
  const recent = new Map<string, number[]>();
  const bannedUntil = new Map<string, number>();
  const bans: string[] = [];
  for (const { time, ip } of failures) {
    // The shipped ignoreip: 127.0.0.1/8 ::1.
    if (ip.startsWith('127.') || ip === '::1') continue;
    if ((bannedUntil.get(ip) ?? -Infinity) > time) continue;
    const times = (recent.get(ip) ?? []).filter((t) => t > time - jail.findTimeSeconds);
    times.push(time);
    recent.set(ip, times);
    if (times.length >= jail.maxRetry) {
      bans.push(ip);
      bannedUntil.set(ip, time + jail.banTimeSeconds);
      recent.delete(ip);
    }
  }
  return bans;
}

const CROWDSEC_REPLAY = ['-type', 'syslog', '-no-api'];
interface CrowdsecAlert {
  scenario: string;
  start_at: string;
  source: { ip?: string; value?: string };
}
const alertIp = (alert: CrowdsecAlert) => alert.source.ip ?? alert.source.value ?? '?';

async function runCrowdsec(c: Context): Promise<PeerResult> {
  const peer = 'crowdsec';
  const hub = HUB_DIRS.find((dir) => CROWDSEC_ITEMS.every((item) => existsSync(`${dir}/${item}`)));
  if (!hub) return skipped(peer, c.lines, `no hub in ${HUB_DIRS.join(' or ')} has the sshd items`);
  const versionRun = await run('crowdsec', ['-version']);
  const version = /version: (\S+)/.exec(versionRun.stdout + versionRun.stderr)?.[1];
  const dir = path.join(c.work, 'crowdsec');
  const { config, port } = await writeCrowdsecConfig(dir, hub);
  const credentials = path.join(dir, 'local_api_credentials.yaml');
  const added = await run('cscli', ['-c', config, 'machines', 'add', '-a', '-f', credentials]);
  if (added.code !== 0) return failed(peer, c.lines, `cscli machines add: ${added.stderr}`);
  // In -no-api mode the agent posts its alerts to a local API: this one, on a temp database.
  const api = spawn('crowdsec', ['-c', config, '-no-cs', '-no-capi'], {
    cwd: dir,
    stdio: 'ignore',
  });
  try {
    if (!(await waitForPort(port, 30_000))) return failed(peer, c.lines, 'local API did not start');
    const replay = (log: string) => ['-c', config, '-dsn', `file://${log}`, ...CROWDSEC_REPLAY];
    const first = await run('crowdsec', replay(c.log), { cwd: dir });
    if (first.code !== 0) return failed(peer, c.lines, `exit ${first.code}: ${first.stderr}`);
    const list = ['-c', config, 'alerts', 'list', '-o', 'json', '--limit', '0'];
    const alerts = (JSON.parse((await run('cscli', list)).stdout || 'null') ??
      []) as CrowdsecAlert[];
    // Later runs replay into the same database, so they are timed but not counted.
    const timed = await timedRuns('crowdsec', replay(c.log), dir, c.runs - 1, [first.ms]);
    const scenarios: Record<string, number> = {};
    for (const { scenario } of alerts) scenarios[scenario] = (scenarios[scenario] ?? 0) + 1;
    return {
      ...{ peer, status: 'ok', version, command: ['crowdsec', ...replay(c.log)].join(' ') },
      lines: c.lines,
      alerts: alerts.length,
      ips: [...new Set(alerts.map(alertIp))],
      scenarios,
      wallMs: timed.ms,
      linesPerSecond: (c.lines * 1000) / timed.ms,
      emptyRunMs: (await run('crowdsec', replay(c.empty), { cwd: dir })).ms,
    };
  } finally {
    await stop(api);
  }
}

/** A config whose paths, database and API port all live in the temp dir. */
async function writeCrowdsecConfig(dir: string, hub: string) {
  const etc = path.join(dir, 'etc');
  const data = path.join(dir, 'data');
  await mkdir(data, { recursive: true });
  // Enabled items are links at <config_dir>/<type>/[<stage>/]<name>.yaml, as Debian's postinst
  // makes them; `cscli … install` would fetch the hub index from the internet first.
  for (const item of CROWDSEC_ITEMS) {
    const parts = item.split('/');
    const target = path.join(etc, ...parts.slice(0, -2), parts.at(-1)!);
    await mkdir(path.dirname(target), { recursive: true });
    await symlink(path.join(hub, item), target);
  }
  await symlink('/etc/crowdsec/patterns', path.join(etc, 'patterns'));
  const shipped = '/usr/share/crowdsec/data';
  for (const file of existsSync(shipped) ? readdirSync(shipped) : []) {
    await copyFile(path.join(shipped, file), path.join(data, file));
  }
  writeFileSync(path.join(etc, 'acquis.yaml'), '');
  writeFileSync(path.join(etc, 'simulation.yaml'), 'simulation: off\n');
  writeFileSync(
    path.join(etc, 'profiles.yaml'),
    `name: default_ip_remediation\nfilters:\n - Alert.Remediation == true && Alert.GetScope() == "Ip"
decisions:\n - type: ban\n   duration: 4h\non_success: break\n`,
  );
  const port = await freePort();
  const config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    `common: { daemonize: false, log_media: stdout, log_level: warning, working_dir: . }
config_paths:
  config_dir: ${etc}/
  data_dir: ${data}/
  simulation_path: ${etc}/simulation.yaml
  hub_dir: ${hub}/
  index_path: ${hub}/.index.json
  notification_dir: ${etc}/notifications/
  plugin_dir: /usr/lib/crowdsec/plugins/
crowdsec_service: { acquisition_path: ${etc}/acquis.yaml, parser_routines: 1 }
cscli: { output: human }
db_config: { type: sqlite, db_path: ${data}/crowdsec.db, use_wal: true, log_level: warning }
api:
  client: { insecure_skip_verify: false, credentials_path: ${dir}/local_api_credentials.yaml }
  server: { log_level: warning, listen_uri: '127.0.0.1:${port}', profiles_path: ${etc}/profiles.yaml, trusted_ips: [127.0.0.1] }
prometheus: { enabled: false }
`,
  );
  return { config, port };
}

/**
 * Installs a missing peer with apt when running as root, keeping services down: policy-rc.d
 * refuses service starts, CrowdSec's Central API registration (it needs the internet, and
 * the postinst fails without it) is declined as its README.Debian documents, and a daemon
 * that started anyway is stopped by pid.
 */
async function ensureInstalled(pkg: string, binary: string): Promise<string | null> {
  if (await onPath(binary)) return null;
  if (process.getuid?.() !== 0) return `${binary} is missing; as root: apt-get install -y ${pkg}`;
  console.log(`installing ${pkg}: apt-get install -y ${pkg}`);
  const before = await daemonPids();
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  const capi = '/etc/crowdsec/online_api_credentials.yaml';
  if (pkg === 'crowdsec' && !existsSync(capi)) {
    await mkdir('/etc/crowdsec', { recursive: true });
    writeFileSync(capi, '# no thanks: the Cordon peer bench replays files offline\n');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let apt = await run('apt-get', ['install', '-y', pkg], { env });
  if (apt.code !== 0 && /Unable to locate package/.test(apt.stderr)) {
    await run('apt-get', ['update'], { env });
    apt = await run('apt-get', ['install', '-y', pkg], { env });
  }
  if (ownPolicy) rmSync(policy, { force: true });
  for (const pid of await daemonPids()) if (!before.has(pid)) process.kill(pid, 'SIGTERM');
  if (await onPath(binary)) return null;
  return `apt-get install -y ${pkg} failed (exit ${apt.code}): ${apt.stderr.trim().slice(-300)}`;
}

async function daemonPids(): Promise<Set<number>> {
  const found = await run('pgrep', ['-x', 'crowdsec|fail2ban-server']);
  return new Set(found.stdout.split('\n').filter(Boolean).map(Number));
}

async function onPath(binary: string): Promise<boolean> {
  return (await run('sh', ['-c', `command -v ${binary}`])).code === 0;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  return new Promise<Ran>((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => resolve({ code: null, stdout: '', stderr: error.message, ms: 0 }));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const stderr = Buffer.concat(err).toString().slice(-400);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr, ms });
    });
  });
}

/**
 * Runs a command `runs` times (once at least) and keeps the first run's output; `ms` is the
 * median over these runs and any `earlier` ones.
 */
async function timedRuns(
  command: string,
  args: string[],
  cwd: string,
  runs: number,
  earlier: number[] = [],
) {
  const first = earlier.length > 0 && runs < 1 ? null : await run(command, args, { cwd });
  const all = first ? [...earlier, first.ms] : [...earlier];
  while (all.length < earlier.length + runs && first?.code === 0) {
    all.push((await run(command, args, { cwd })).ms);
  }
  const ms = percentile(
    all.sort((x, y) => x - y),
    50,
  );
  return { code: first?.code ?? 0, stdout: first?.stdout ?? '', stderr: first?.stderr ?? '', ms };
}

async function stop(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
      socket.once('connect', () => socket.destroy());
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function skipped(peer: string, lines: number, reason: string): PeerResult {
  return {
    peer,
    status: 'skipped',
    reason,
    lines,
    alerts: 0,
    ips: [],
    wallMs: 0,
    linesPerSecond: 0,
  };
}

function failed(peer: string, lines: number, reason: string): PeerResult {
  return { ...skipped(peer, lines, reason), status: 'failed' };
}

function printTable(results: PeerResult[]): void {
  const head = ['peer', 'status', 'version', 'lines', 'matched', 'matched IPs', 'alerts', 'IPs'];
  head.push('wall s', 'lines/s', 'empty-log s');
  const rows = results.map((r) => [
    ...[r.peer, r.status, r.version ?? '', formatCount(r.lines)],
    ...[r.matchedLines ?? '', r.matchedIps ?? '', r.alerts, r.ips.length].map(String),
    (r.wallMs / 1000).toFixed(2),
    formatCount(r.linesPerSecond),
    r.emptyRunMs === undefined ? '' : (r.emptyRunMs / 1000).toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [head, ...rows])
    console.log(row.map((x, i) => x.padEnd(widths[i]!)).join('  '));
  for (const r of results) {
    if (r.command) console.log(`${r.peer}: ${r.command}`);
    if (r.reason) console.log(`${r.peer} ${r.status}: ${r.reason}`);
    if (r.scenarios) console.log(`${r.peer} alerts by scenario: ${JSON.stringify(r.scenarios)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: 'string', default: '3' }, scale: { type: 'string', default: '1' } },
  });
  await runPeers({
    log: positionals[0] ?? '../shared/data/logs/ubuntu-auth-3weeks.log',
    runs: Number(values.runs),
    scale: Number(values.scale),
  });
}
