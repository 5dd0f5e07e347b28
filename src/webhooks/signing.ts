import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** How long the secret a rotation replaced keeps signing, so receivers can switch to the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** A new signing secret: `whsec_` + base64 of 24 random bytes, as Standard Webhooks verifiers read it. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The secrets that sign a delivery at `now`: the current one, and the one it replaced while its overlap runs. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousExpiresAt: string | null },
  now: Date,
): string[] {
  const { secret, previousSecret, previousExpiresAt } = endpoint;
  const previousValid = previousSecret !== null && previousExpiresAt !== null && previousExpiresAt > now.toISOString();
  return previousValid ? [secret, previousSecret] : [secret];
}

/**
 * The `webhook-signature` header: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` per secret (keyed with the
 * base64-decoded bytes after `whsec_`), space-separated. The Standard Webhooks library signs, so receivers using any
 * of its verifiers agree with it byte for byte.
 */
export function signatureHeader(id: string, timestamp: Date, body: string, secrets: readonly string[]): string {
  return secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(' ');
}
