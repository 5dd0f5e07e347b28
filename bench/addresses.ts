import { sha256 } from '@noble/hashes/sha2.js';
import { createBase58check } from '@scure/base';
import { eip55 } from '../src/addresses/evm.js';
import type { ListedAddress } from '../src/db/screening-repo.js';
import { Random } from './prng.js';

export interface AddressQuery {
  address: string;
  chain: string | undefined;
  listed: boolean;
}

const base58check = createBase58check(sha256);
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A valid address that no list carries: an EVM address (lower case or EIP-55) or a Bitcoin P2PKH address. */
function unlistedAddress(r: Random): AddressQuery {
  const kind = r.weighted({ evmLower: 1, evmChecksummed: 1, bitcoin: 1 });
  if (kind === 'bitcoin') return { address: base58check.encode(Uint8Array.of(0, ...r.bytes(20))), chain: 'XBT', listed: false };
  const address = `0x${hex(r.bytes(20))}`;
  return { address: kind === 'evmLower' ? address : eip55(address), chain: 'ETH', listed: false };
}

/** Every listed address as the list prints it, on its chain, plus a quarter as many valid unlisted ones (at least 50). */
export function addressQueries(listed: readonly ListedAddress[], seed: number): AddressQuery[] {
  const r = new Random(seed);
  const queries: AddressQuery[] = listed.map((a) => ({ address: a.value, chain: a.chain ?? undefined, listed: true }));
  const listedCanonical = new Set(listed.map((a) => a.normalized));
  const unlisted = Math.max(50, Math.round(listed.length / 4));
  while (queries.length < listed.length + unlisted) {
    const q = unlistedAddress(r);
    if (!listedCanonical.has(q.address.toLowerCase()) && !listedCanonical.has(q.address)) queries.push(q);
  }
  return queries;
}
