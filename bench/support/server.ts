import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  readyMs: number;
  /** Peak resident memory of the server process so far (Linux), in MiB. */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

const cli = path.resolve('dist/src/cli/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Starts the built `cordon serve` on a fresh data dir and measures spawn-to-ready time. */
export async function startBuiltServer(
  env: Record<string, string> = {},
  dataDir?: string,
  options: { port?: number } = {},
): Promise<RunningServer> {
  if (!existsSync(cli)) throw new Error('Build first: npm run build');
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") reaches only the server,
  // so a profile shows the server's time and not the load generator's.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn('node', [...nodeArgs, cli, 'serve'], {
    env: {
      ...process.env,
      CORDON_DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CORDON_PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error('cordon serve exited before it was ready');
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    dataDir: dir,
    process: child,
    readyMs,
    peakRssMiB: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
        return kib ? Math.round(Number(kib) / 1024) : null;
      } catch {
        return null;
      }
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function runCli(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`cordon ${args.join(' ')} exited ${code}`)),
    );
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
