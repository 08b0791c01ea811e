import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has working defaults for embedded mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, logLevel: 'info', trustedProxies: false });
    expect(config.databaseUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the environment and names the variable that is wrong', () => {
    expect(
      loadConfig({ PORT: '9090', CORDON_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' }),
    ).toMatchObject({ port: 9090, trustedProxies: ['10.0.0.0/8', '127.0.0.1'] });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
    expect(() => loadConfig({ CORDON_MASTER_KEY: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ CORDON_TRUSTED_PROXIES: 'evil host' })).toThrow(
      /CORDON_TRUSTED_PROXIES/,
    );
  });

  it('strips a trailing slash from the public URL', () => {
    expect(loadConfig({ CORDON_PUBLIC_URL: 'https://cordon.example/' }).publicUrl).toBe(
      'https://cordon.example',
    );
  });
});
