// Runs the integration suite (*.int.test.ts) again on PostgreSQL. Uses CORDON_TEST_DATABASE_URL,
// or a server on 127.0.0.1:5432; if neither answers, says so and skips rather than failing.
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const url = process.env.CORDON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { hostname, port } = new URL(url);

const reachable = await new Promise((resolve) => {
  const socket = net.connect({ host: hostname, port: Number(port || 5432) });
  socket.setTimeout(2000);
  socket.once('connect', () => {
    socket.end();
    resolve(true);
  });
  socket.once('timeout', () => {
    socket.destroy();
    resolve(false);
  });
  socket.once('error', () => resolve(false));
});

if (!reachable) {
  console.log(
    `PostgreSQL suite SKIPPED: nothing answers at ${hostname}:${port || 5432} (set CORDON_TEST_DATABASE_URL to run it).`,
  );
  process.exit(0);
}
console.log(`PostgreSQL suite on ${hostname}:${port || 5432}`);
const result = spawnSync('npx', ['vitest', 'run', '.int.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CORDON_TEST_DIALECT: 'postgres', CORDON_TEST_DATABASE_URL: url },
});
process.exit(result.status ?? 1);
