// Development: the API with reload on change (tsx watch) and the web app through Vite's dev
// server, which proxies /api to it. Open http://localhost:5173.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'src/cli/main.ts', 'serve'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      HOST: process.env.HOST ?? '127.0.0.1',
      CORDON_PUBLIC_URL: process.env.CORDON_PUBLIC_URL ?? 'http://localhost:5173',
    },
  }),
  spawn('npx', ['vite', '--config', 'web/vite.config.ts'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
