import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A key is `dprk_` followed by 32 random bytes in base64url (43 characters). The prefix lets secret scanners and
 * people recognise a leaked key; it carries no information, so the key is looked up by its hash alone.
 */
const API_KEY_PREFIX = 'dprk_';
const API_KEY_FORMAT = /^dprk_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a key: hex SHA-256. Keys are looked up by this hash through a unique index, so no stored secret
 * is ever compared with the presented one: a constant-time comparison would protect nothing here, since timing can
 * at most reveal how a hash of the attacker's own guess sorts, which does not help find a key.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Whether two secrets (or stored forms of them) are equal, in time that does not depend on where they differ: both
 * are hashed to 32 bytes first, so neither their contents nor their lengths show in the time taken. Every comparison
 * of a secret goes through here.
 */
export function secretsEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function isWellFormedApiKey(value: string): boolean {
  return API_KEY_FORMAT.test(value);
}

/** The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive); null for anything else. */
export function bearerToken(header: string): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1] ?? null;
}
