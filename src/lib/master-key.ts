import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from './config.js';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The deployment's master key: CORDON_MASTER_KEY if set, otherwise a 0600 key file under the
 * data directory, created on first run. Scaled deployments must set the variable, because every
 * server and worker has to share one key and a per-machine file would silently differ.
 */
export function resolveMasterKey(
  config: Pick<Config, 'masterKey' | 'dataDir' | 'databaseUrl'>,
): Buffer {
  if (config.masterKey) return Buffer.from(config.masterKey, 'base64');
  if (config.databaseUrl) {
    throw new ConfigError(
      'CORDON_MASTER_KEY is required with DATABASE_URL: every server and worker must share one key',
    );
  }
  const keyPath = path.join(config.dataDir, MASTER_KEY_FILE);
  if (existsSync(keyPath)) {
    const mode = statSync(keyPath).mode & 0o777;
    if (mode & 0o077)
      throw new ConfigError(`${keyPath} must not be readable by group or others (chmod 600)`);
    const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError(`${keyPath} does not hold a 32-byte base64 key`);
    return key;
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyPath, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
