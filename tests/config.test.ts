import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', BODY_LIMIT: 65536 });
  });

  it('runs 64 screening requests at once per core by default', () => {
    expect(loadConfig({}).MAX_SCREENINGS_IN_FLIGHT).toBe(64 * os.availableParallelism());
    expect(loadConfig({ MAX_SCREENINGS_IN_FLIGHT: '8' }).MAX_SCREENINGS_IN_FLIGHT).toBe(8);
  });

  it('budgets 2,000 screenings a second per key, in bursts of 10,000, by default', () => {
    expect(loadConfig({})).toMatchObject({ QUERY_LIMIT_PER_SECOND: 2000, QUERY_LIMIT_BURST: 10_000 });
    expect(loadConfig({ QUERY_LIMIT_PER_SECOND: '0.5', QUERY_LIMIT_BURST: '20' })).toMatchObject({ QUERY_LIMIT_PER_SECOND: 0.5, QUERY_LIMIT_BURST: 20 });
  });

  it('reads values from the environment', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', LOG_LEVEL: 'debug' })).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT: .* \(got "eighty"\)$/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT: /],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL: .* \(got "loud"\)$/],
    [{ BODY_LIMIT: '10' }, /^Invalid configuration: BODY_LIMIT: /],
    [{ QUERY_LIMIT_PER_SECOND: '0' }, /^Invalid configuration: QUERY_LIMIT_PER_SECOND: /],
    [{ QUERY_LIMIT_BURST: '2.5' }, /^Invalid configuration: QUERY_LIMIT_BURST: /],
    [{ MAX_SCREENINGS_IN_FLIGHT: '0' }, /^Invalid configuration: MAX_SCREENINGS_IN_FLIGHT: /],
  ])('rejects %o with a one-line message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('\n');
    }
  });
});
