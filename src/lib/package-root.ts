import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding package.json. Code runs both from src/ (tsx, tests) and from dist/src/
 * (the built server), at different depths, so it is found by walking up rather than assumed.
 */
export const packageRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the Cordon sources');
    dir = parent;
  }
  return dir;
})();
