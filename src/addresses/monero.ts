import { keccak_256 } from '@noble/hashes/sha3.js';
import { base58xmr } from '@scure/base';
import { InvalidAddressError } from './errors.js';
import type { ParsedAddress } from './types.js';

/** Monero network bytes (one-byte varints): mainnet standard `4…`, integrated `4…` (106 chars), subaddress `8…`. */
const MAINNET_PREFIXES = new Set([18, 19, 42]);
const MONERO_ALPHABET = /^[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * Monero addresses: Monero's block-wise base58 (8-byte blocks → 11 characters) of network byte + spend key +
 * view key (+ payment ID), followed by the first 4 bytes of keccak-256 of the rest. Case-sensitive.
 */
export function parseMonero(input: string): ParsedAddress {
  if (input.length !== 95 && input.length !== 106) {
    throw new InvalidAddressError(`a Monero address is 95 characters (106 when integrated), this one has ${input.length}`);
  }
  if (!MONERO_ALPHABET.test(input)) throw new InvalidAddressError('contains characters outside the base58 alphabet');
  let bytes: Uint8Array;
  try {
    bytes = base58xmr.decode(input);
  } catch {
    throw new InvalidAddressError('not a valid Monero base58 string');
  }
  const body = bytes.subarray(0, bytes.length - 4);
  const checksum = keccak_256(body).subarray(0, 4);
  if (Buffer.compare(Buffer.from(checksum), Buffer.from(bytes.subarray(bytes.length - 4))) !== 0) {
    throw new InvalidAddressError('Monero checksum does not match: the address is mistyped or its letter case was changed');
  }
  if (!MAINNET_PREFIXES.has(body[0] ?? -1)) throw new InvalidAddressError(`network byte ${body[0]} is not a Monero mainnet address`);
  return { input, canonical: input, family: 'monero', chains: ['XMR'], checksummed: true };
}
