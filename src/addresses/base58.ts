import { sha256 } from '@noble/hashes/sha2.js';
import { base58, base58xrp } from '@scure/base';
import { TRON_CHAINS } from './chains.js';
import { InvalidAddressError } from './errors.js';
import type { AddressFamily, ParsedAddress } from './types.js';

const BITCOIN_ALPHABET = /^[1-9A-HJ-NP-Za-km-z]+$/;
const RIPPLE_ALPHABET = /^[rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz]+$/;

interface Version {
  family: AddressFamily;
  chains: string[];
}

/**
 * Version bytes of base58check addresses (payload: version + 20-byte hash). One version byte is shared by several
 * chains: a `1…` address is equally valid on Bitcoin, Bitcoin Cash (legacy format), Bitcoin SV and Omni USDT.
 */
const VERSIONS: Record<string, Version> = {
  '00': { family: 'bitcoin-base58', chains: ['XBT', 'BCH', 'BSV', 'USDT'] },
  '05': { family: 'bitcoin-base58', chains: ['XBT', 'BCH', 'BSV', 'LTC', 'USDT'] },
  '6f': { family: 'bitcoin-base58', chains: ['XBT-TESTNET'] },
  c4: { family: 'bitcoin-base58', chains: ['XBT-TESTNET'] },
  '30': { family: 'bitcoin-base58', chains: ['LTC'] },
  '32': { family: 'bitcoin-base58', chains: ['LTC'] },
  '4c': { family: 'bitcoin-base58', chains: ['DASH'] },
  '10': { family: 'bitcoin-base58', chains: ['DASH'] },
  '26': { family: 'bitcoin-base58', chains: ['BTG'] },
  '17': { family: 'bitcoin-base58', chains: ['BTG'] },
  '1e': { family: 'bitcoin-base58', chains: ['XVG', 'DOGE'] },
  '16': { family: 'bitcoin-base58', chains: ['DOGE'] },
  '41': { family: 'tron', chains: TRON_CHAINS },
  // Zcash transparent addresses have two version bytes: t1… (P2PKH) and t3… (P2SH).
  '1cb8': { family: 'bitcoin-base58', chains: ['ZEC'] },
  '1cbd': { family: 'bitcoin-base58', chains: ['ZEC'] },
};

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const CHECKSUM_MISMATCH = 'base58check checksum does not match: the address is mistyped or its letter case was changed';

/** Payload and checksum of a base58check string; throws when the last 4 bytes are not sha256(sha256(payload)). */
function verifyChecksum(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 5) throw new InvalidAddressError('too short for a base58check address');
  const payload = bytes.subarray(0, bytes.length - 4);
  const checksum = sha256(sha256(payload)).subarray(0, 4);
  if (toHex(checksum) !== toHex(bytes.subarray(bytes.length - 4))) throw new InvalidAddressError(CHECKSUM_MISMATCH);
  return payload;
}

function decode(input: string, coder: typeof base58, alphabet: RegExp, alphabetName: string): Uint8Array {
  if (!alphabet.test(input)) {
    throw new InvalidAddressError(`contains characters outside the ${alphabetName} base58 alphabet (0, O, I and l are never used)`);
  }
  return coder.decode(input);
}

/**
 * Bitcoin-style base58check addresses (Bitcoin, Litecoin, Dash, Bitcoin Gold, Verge, Dogecoin, Zcash transparent,
 * Tron) and Solana public keys (32 bytes, no checksum). Case-sensitive: the canonical form is the input itself.
 */
export function parseBase58(input: string): ParsedAddress {
  const bytes = decode(input, base58, BITCOIN_ALPHABET, 'Bitcoin');
  if (bytes.length === 32) return { input, canonical: input, family: 'solana', chains: ['SOL'], checksummed: false };
  const payload = verifyChecksum(bytes);
  const version = payload.length === 21 ? VERSIONS[toHex(payload.subarray(0, 1))] : payload.length === 22 ? VERSIONS[toHex(payload.subarray(0, 2))] : undefined;
  if (!version) {
    throw new InvalidAddressError(`a valid base58check string, but version ${toHex(payload.subarray(0, 1))} with a ${payload.length - 1}-byte payload is not an address format this service knows`);
  }
  return { input, canonical: input, family: version.family, chains: [...version.chains], checksummed: true };
}

/** XRP Ledger classic addresses: base58check in Ripple's own alphabet, version 0 (so they start with `r`). */
export function parseRipple(input: string): ParsedAddress {
  const payload = verifyChecksum(decode(input, base58xrp, RIPPLE_ALPHABET, 'Ripple'));
  if (payload.length !== 21 || payload[0] !== 0) throw new InvalidAddressError('not an XRP Ledger account address (version 0, 20-byte account ID)');
  return { input, canonical: input, family: 'ripple', chains: ['XRP'], checksummed: true };
}
