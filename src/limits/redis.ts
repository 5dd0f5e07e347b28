import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/**
 * A counter command that takes longer than this fails, and the request it counts is let through: a stalled Redis
 * must not stall screening. A healthy Redis on the same network answers in well under a millisecond.
 */
const COMMAND_TIMEOUT_MS = 250;
/** While Redis is unreachable, the warning is repeated at most this often, so a long outage does not flood the log. */
const WARN_EVERY_MS = 60_000;

/**
 * Connects to the Redis that holds the shared rate-limit counters. Commands are never queued while it is down (they
 * fail at once, and the limiter lets the request through); ioredis keeps reconnecting in the background. Start-up
 * does not wait for Redis: a replica whose Redis is down still serves, and counts once it is back.
 */
export function connectRedis(url: string, log: FastifyBaseLogger, warn: (err: unknown) => void): Redis {
  const redis = new Redis(url, {
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  redis.on('error', (err: Error) => warn(err));
  redis.on('ready', () => log.info({ redis: redactedUrl(url) }, 'Redis connected: rate limits are shared'));
  return redis;
}

/** A warning that the shared counters are unavailable, logged at most once per WARN_EVERY_MS. */
export function throttledWarning(log: FastifyBaseLogger, now: () => number = Date.now): (err: unknown) => void {
  let lastAt = -Infinity;
  return (err) => {
    if (now() - lastAt < WARN_EVERY_MS) return;
    lastAt = now();
    log.warn({ err }, 'Redis unavailable: rate limits are not enforced until it answers again (requests are let through)');
  };
}

/** The URL without its password, for the log. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
