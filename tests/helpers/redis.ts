import { Redis } from 'ioredis';

/**
 * TEST_REDIS_URL when a Redis answers there, else null (with a visible message naming what is skipped and why), so
 * suites on the real Redis run wherever CI has one and skip loudly elsewhere.
 */
export async function testRedisUrl(suite: string): Promise<string | null> {
  const url = process.env.TEST_REDIS_URL;
  if (!url) {
    console.warn(`SKIPPED: ${suite} needs TEST_REDIS_URL (redis://127.0.0.1:6379), which is unset.`);
    return null;
  }
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return url;
  } catch (err) {
    console.warn(`SKIPPED: ${suite} needs the Redis at TEST_REDIS_URL=${url}, which does not answer (${String(err)}).`);
    return null;
  } finally {
    probe.disconnect();
  }
}
