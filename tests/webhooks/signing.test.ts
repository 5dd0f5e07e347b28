import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newSigningSecret, signatureHeader, signingSecrets } from '../../src/webhooks/signing.js';

// The published example of the Standard Webhooks reference libraries (libraries/javascript/src/webhook.test.ts,
// "sign function works"): this secret, id, time and body sign to exactly this.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: new Date(1614265330 * 1000),
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('webhook signatures', () => {
  it('sign the specification’s published example to its published signature', () => {
    expect(signatureHeader(SPEC.id, SPEC.timestamp, SPEC.body, [SPEC.secret])).toBe(SPEC.signature);
  });

  it('key the HMAC with the base64-decoded bytes after whsec_, not the text of the secret', async () => {
    const { createHmac } = await import('node:crypto');
    const key = Buffer.from(SPEC.secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`${SPEC.id}.1614265330.${SPEC.body}`).digest('base64');
    expect(`v1,${mac}`).toBe(SPEC.signature);
  });

  it('during a rotation carry one signature per secret, space-separated, each verifiable alone', () => {
    const [oldSecret, newSecret] = [newSigningSecret(), newSigningSecret()];
    const now = new Date();
    const header = signatureHeader('msg_1', now, '{"a":1}', [newSecret, oldSecret]);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': header };
    expect(new Webhook(oldSecret).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(new Webhook(newSecret).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(() => new Webhook(newSigningSecret()).verify('{"a":1}', headers)).toThrow('No matching signature found');
  });

  it('give out secrets as whsec_ and the base64 of 24 random bytes, each new', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it.each([
    { case: 'no rotation: the secret alone', previous: null, expires: null, signs: ['new'] },
    { case: 'within 24 h of a rotation: both', previous: 'old', expires: '2026-01-02T00:00:00.000Z', signs: ['new', 'old'] },
    { case: 'once the overlap is over: the new one alone', previous: 'old', expires: '2025-12-31T23:59:59.000Z', signs: ['new'] },
  ])('sign with $case', ({ previous, expires, signs }) => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(signingSecrets({ secret: 'new', previousSecret: previous, previousExpiresAt: expires }, now)).toEqual(signs);
  });
});
