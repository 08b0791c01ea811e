// Builds the server (tsc) and the web app (vite) into dist/, then stamps the build so
// `npm start` can tell whether sources changed since.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
console.log('Building the server…');
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
console.log('Building the web app…');
run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/.build-stamp', new Date().toISOString());
console.log('Build complete.');
