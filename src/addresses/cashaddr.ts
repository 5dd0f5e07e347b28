import { InvalidAddressError } from './errors.js';
import type { ParsedAddress } from './types.js';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const PREFIX = 'bitcoincash';
const GENERATORS = [0x98f2bc8e61n, 0x79b76d99e2n, 0xf33e5fb3c4n, 0xae2eabe2a8n, 0x1e4f43e470n];

export const CASHADDR_SHAPE = /^(bitcoincash:)?[qp][02-9ac-hj-np-z]{41}$/;

/** The 40-bit BCH-code checksum of the cashaddr specification; 0 for an intact address. */
function polymod(values: number[]): bigint {
  let c = 1n;
  for (const d of values) {
    const c0 = c >> 35n;
    c = ((c & 0x07ffffffffn) << 5n) ^ BigInt(d);
    GENERATORS.forEach((g, i) => {
      if ((c0 >> BigInt(i)) & 1n) c ^= g;
    });
  }
  return c ^ 1n;
}

/**
 * Bitcoin Cash cashaddr (`bitcoincash:q…` for keys, `p…` for scripts), with or without its prefix.
 * Case-insensitive; canonical form is lower case with the `bitcoincash:` prefix.
 */
export function parseCashaddr(input: string): ParsedAddress {
  const lower = input.toLowerCase();
  if (!CASHADDR_SHAPE.test(lower)) throw new InvalidAddressError('not a Bitcoin Cash cashaddr address (bitcoincash:q… or p…, 42 letters)');
  const payload = lower.replace(/^bitcoincash:/, '');
  const values = [...PREFIX].map((ch) => ch.charCodeAt(0) & 0x1f);
  const data = [...payload].map((ch) => CHARSET.indexOf(ch));
  if (polymod([...values, 0, ...data]) !== 0n) {
    throw new InvalidAddressError('cashaddr checksum does not match: the address is mistyped');
  }
  return { input, canonical: `${PREFIX}:${payload}`, family: 'cashaddr', chains: ['BCH'], checksummed: true };
}
