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

  it('fetches nothing unless LIST_SOURCES names a source, and calls a list stale after 48 hours by default', () => {
    expect(loadConfig({})).toMatchObject({ LIST_SOURCES: [], LIST_MAX_AGE: 48 * 3_600_000 });
  });

  it('reads LIST_SOURCES as JSON, each source with its dataset and interval', () => {
    const config = loadConfig({
      LIST_SOURCES: '[{"format":"ofac-xml","url":"https://example.org/sdn.xml","interval":"12h"},{"format":"uk-fcdo-xml","url":"/srv/uk.xml","interval":"30m"}]',
      LIST_MAX_AGE: '1d',
    });
    expect(config.LIST_SOURCES).toEqual([
      { format: 'ofac-xml', url: 'https://example.org/sdn.xml', interval: 12 * 3_600_000, datasetId: 'ofac-sdn' },
      { format: 'uk-fcdo-xml', url: '/srv/uk.xml', interval: 30 * 60_000, datasetId: 'uk' },
    ]);
    expect(config.LIST_MAX_AGE).toBe(86_400_000);
  });

  it('keeps rate limits in memory and metrics on unless told otherwise, and reads a Redis URL', () => {
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(loadConfig({})).toMatchObject({ REDIS_KEY_PREFIX: 'screening:', METRICS_ENABLED: true });
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380/2', METRICS_ENABLED: 'false' })).toMatchObject({
      REDIS_URL: 'rediss://cache.internal:6380/2',
      METRICS_ENABLED: false,
    });
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
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, /^Invalid configuration: REDIS_URL: .* \(got "http:\/\/127.0.0.1:6379"\)$/],
    [{ REDIS_URL: '127.0.0.1:6379' }, /^Invalid configuration: REDIS_URL: /],
    [{ METRICS_ENABLED: 'no' }, /^Invalid configuration: METRICS_ENABLED: /],
    [{ LIST_SOURCES: '[{"format":"un-xml"' }, /^Invalid configuration: LIST_SOURCES: not JSON: /],
    [{ LIST_SOURCES: '{"format":"un-xml"}' }, /^Invalid configuration: LIST_SOURCES: .*array/],
    [
      { LIST_SOURCES: '[{"format":"un-xml","url":"https://example.org/un.xml","interval":"12h"},{"format":"eu","url":"x","interval":"1d"}]' },
      /^Invalid configuration: LIST_SOURCES\[1\]\.format: must be one of ofac-xml, un-xml, eu-xml, uk-conlist, uk-fcdo-xml /,
    ],
    [
      { LIST_SOURCES: '[{"format":"ofac-csv","url":"sdn.csv","interval":"1d"}]' },
      /^Invalid configuration: LIST_SOURCES\[0\]\.format: .*ofac-csv carries no list date: schedule ofac-xml/,
    ],
    [
      { LIST_SOURCES: '[{"format":"un-xml","url":"un.xml","interval":"12 hours"}]' },
      /^Invalid configuration: LIST_SOURCES\[0\]\.interval: "12 hours" is not a duration: write a whole number of minutes, hours or days \(30m, 12h, 1d\)/,
    ],
    [{ LIST_SOURCES: '[{"format":"un-xml","interval":"1d"}]' }, /^Invalid configuration: LIST_SOURCES\[0\]\.url: /],
    [
      { LIST_SOURCES: '[{"format":"uk-conlist","url":"a.xlsx","interval":"1d"},{"format":"uk-fcdo-xml","url":"b.xml","interval":"1d"}]' },
      /^Invalid configuration: LIST_SOURCES\[1\]\.format: a second source of dataset uk \(entry 0 is one\)/,
    ],
    [{ LIST_MAX_AGE: '48' }, /^Invalid configuration: LIST_MAX_AGE: "48" is not a duration/],
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
