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

  it('takes advisory feeds over https only (http from this machine), without credentials', () => {
    const feeds = (value: string) => loadConfig({ CORDON_EXPOSURE_FEEDS: value }).exposureFeeds;
    expect(feeds('kev=https://feeds.example/kev.json,osv=http://127.0.0.1:9/all.zip')).toEqual([
      { kind: 'kev', url: 'https://feeds.example/kev.json' },
      { kind: 'osv', url: 'http://127.0.0.1:9/all.zip' },
    ]);
    expect(() => feeds('kev=http://feeds.example/kev.json')).toThrow(/must use https/);
    expect(() => feeds('kev=https://user:secret@feeds.example/kev.json')).toThrow(
      /^(?![\s\S]*secret)[\s\S]*credentials/,
    );
    expect(() => feeds('rss=https://feeds.example/a')).toThrow(/CORDON_EXPOSURE_FEEDS/);
  });

  it('takes a test clock file only in tests', () => {
    const env = { CORDON_TEST_CLOCK_FILE: '/tmp/clock' };
    expect(() => loadConfig({ ...env, NODE_ENV: 'production' })).toThrow(/browser tests only/);
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(loadConfig({ ...env, NODE_ENV: 'test' }).testClockFile).toBe('/tmp/clock');
  });

  it('strips a trailing slash from the public URL', () => {
    expect(loadConfig({ CORDON_PUBLIC_URL: 'https://cordon.example/' }).publicUrl).toBe(
      'https://cordon.example',
    );
  });
});
