import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('configuration from the environment', () => {
  it('has CouchDB-like defaults', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 5984, demo: false, corsOrigins: ['app://regiodesk'], adminPassword: undefined });
    expect(c.dataDir).toBe(path.resolve('data'));
    expect(c.webRoot).toBe(path.resolve('dist/renderer'));
  });

  it('reads every variable', () => {
    const c = configFromEnv({
      REGIODESK_HOST: '0.0.0.0',
      REGIODESK_PORT: '6000',
      REGIODESK_DATA: '/tmp/x',
      REGIODESK_ADMIN_PASSWORD: 's3cret',
      REGIODESK_DEMO: '1',
      REGIODESK_WEB_ROOT: '/srv/web',
      REGIODESK_CORS_ORIGINS: 'app://regiodesk, http://localhost:5173',
    });
    expect(c).toMatchObject({ host: '0.0.0.0', port: 6000, dataDir: '/tmp/x', adminPassword: 's3cret', demo: true, webRoot: '/srv/web' });
    expect(c.corsOrigins).toEqual(['app://regiodesk', 'http://localhost:5173']);
  });

  it('rejects a bad port', () => {
    expect(() => configFromEnv({ REGIODESK_PORT: 'abc' })).toThrow(/REGIODESK_PORT/);
  });
});
