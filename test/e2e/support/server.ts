import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  url: string;
  dataDir: string;
  setupToken: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerOptions {
  /** Extra environment for the server, over the defaults: `SMTP_URL` to send through a test server. */
  env?: Record<string, string>;
}

/** Starts `cordon serve` on a fresh data directory and waits for its set-up token and /readyz. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const webRoot = path.join(repoRoot, 'dist/web');
  if (!existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(
      `The web app is not built: ${webRoot}/index.html is missing. Run \`npm run build\` before the browser tests.`,
    );
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cordon-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      CORDON_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CORDON_PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      CORDON_WEB_ROOT: webRoot,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const stop = async () => {
    await stopProcess(child, exited);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const setupToken = await waitFor(
      'the set-up token',
      60_000,
      exited,
      () => /Set-up token: (\S+)/.exec(output)?.[1],
    );
    await waitFor('GET /readyz to answer 200', 30_000, exited, async () => {
      const response = await fetch(`${url}/readyz`).catch(() => null);
      return response?.status === 200 ? true : undefined;
    });
    return { url, dataDir, setupToken, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`, {
      cause: error,
    });
  }
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  exited: Promise<number | null>,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`The server exited (code ${exitCode}) while waiting for ${what}`);
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
