import { parseArgs } from 'node:util';
import {
  baselineOnly,
  EVALUATION_INTEGRATIONS,
  evaluationScenario,
} from '../../src/modules/detection/simulate/scenario.js';
import { formatCount } from '../support/instance.js';
import { runCoreBench, runMemoryBench, runRealLog } from './core.js';
import { catches, explained, runEngine } from './evaluate.js';
import { runIngestBench } from './ingest.js';
import { runPeers } from './peers.js';
import { runStorageBench } from './storage.js';

const AUTH_LOG = '../shared/data/logs/ubuntu-auth-3weeks.log';
const PARTS = ['core', 'memory', 'eval', 'real', 'peers', 'storage', 'ingest'] as const;

/**
 * `npm run bench -- detection [part…] [--postgres] [--events N] [--days N]`: the detector core
 * on the ShopCo attack, memory with a million sources, recall and false alerts on labelled
 * simulated traffic, the real auth log, fail2ban and CrowdSec on the same log, the event store
 * alone (SQLite), and HTTP ingest.
 * No part named runs them all.
 */
export async function runDetectionBench(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      postgres: { type: 'boolean', default: false },
      events: { type: 'string', default: '1000000' },
      days: { type: 'string', default: '14' },
      seed: { type: 'string', default: '7' },
    },
  });
  const parts = positionals.length > 0 ? positionals : PARTS;
  for (const part of parts)
    if (!(PARTS as readonly string[]).includes(part))
      throw new Error(`unknown part '${part}': one of ${PARTS.join(', ')}`);
  // Memory first, so its peak is not the simulator's.
  if (parts.includes('memory')) runMemoryBench();
  if (parts.includes('core')) runCoreBench();
  if (parts.includes('eval')) runEvaluation(Number(values.seed), Number(values.days));
  let ours: number | null = null;
  if (parts.includes('real')) ours = runRealLog(AUTH_LOG, 20).linesPerSecond;
  if (parts.includes('peers')) {
    const peers = await runPeers({ log: AUTH_LOG, runs: 3, scale: 20 });
    for (const peer of peers)
      console.log(
        `peer ${peer.peer}: ${peer.status}${peer.reason ? ` (${peer.reason})` : ''}; ${formatCount(peer.linesPerSecond)} lines/s` +
          (ours ? `; Cordon ${(ours / Math.max(peer.linesPerSecond, 1)).toFixed(1)}× faster` : ''),
      );
  }
  if (parts.includes('storage')) await runStorageBench(Number(values.events));
  if (parts.includes('ingest'))
    await runIngestBench({
      events: Number(values.events),
      batch: 10_000,
      postgres: values.postgres,
    });
}

/** Per-detector recall on labelled attacks, and false alerts per day on baseline-only traffic. */
function runEvaluation(seed: number, days: number) {
  const declared = new Map(
    EVALUATION_INTEGRATIONS.map((it) => [it.integrationId, new Set(it.categories)]),
  );
  const attacked = evaluationScenario({ seed, days });
  const run = runEngine(attacked, declared);
  const byKind = new Map<string, { attacks: number; caught: number; missed: string[] }>();
  for (const attack of attacked.labels) {
    const entry = byKind.get(attack.kind) ?? { attacks: 0, caught: 0, missed: [] };
    entry.attacks++;
    if (run.alerts.some((alert) => catches(alert, attack))) entry.caught++;
    else entry.missed.push(attack.id);
    byKind.set(attack.kind, entry);
  }
  console.log(
    `evaluation (seed ${seed}, ${days} days, ${attacked.labels.length} attacks, ${formatCount(attacked.events.length)} events):`,
  );
  for (const [kind, { attacks, caught, missed }] of [...byKind].sort())
    console.log(
      `  ${kind.padEnd(22)} recall ${caught}/${attacks} (${Math.round((100 * caught) / attacks)}%)${missed.length ? `; missed ${missed.join(', ')}` : ''}`,
    );
  const unexplained = run.alerts.filter((alert) => !explained(alert, attacked.labels));
  console.log(
    `  alerts not about any attack: ${unexplained.length} (${(unexplained.length / days).toFixed(2)} a day)${
      unexplained.length
        ? `: ${unexplained
            .slice(0, 5)
            .map((a) => a.key)
            .join(', ')}`
        : ''
    }`,
  );
  const quiet = baselineOnly({ seed: seed + 1, days });
  const calm = runEngine(quiet, declared);
  const perDay = calm.alerts.length / days;
  console.log(
    `baseline only (${days} days, ${formatCount(quiet.events.length)} events): ${calm.alerts.length} false alerts, ${perDay.toFixed(2)} a day${
      calm.alerts.length
        ? `: ${calm.alerts
            .slice(0, 8)
            .map((a) => `${a.key}@${new Date(a.first).toISOString()}`)
            .join(', ')}`
        : ''
    }`,
  );
  return { byKind, falsePerDay: perDay };
}
