import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { EVM_CHAINS } from './chains.js';
import { InvalidAddressError } from './errors.js';
import type { ParsedAddress } from './types.js';

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The EIP-55 mixed-case form of a 40-hex-digit address: a letter is upper case where its nibble of the hash is ≥ 8. */
export function eip55(hexAddress: string): string {
  const lower = hexAddress.toLowerCase().replace(/^0x/, '');
  const hash = keccak_256(utf8ToBytes(lower));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const byte = hash[i >> 1] ?? 0;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    const char = lower.charAt(i);
    out += nibble >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

/**
 * `0x` + 40 hex digits. All-lower or all-upper case carries no checksum; mixed case must be the EIP-55 form.
 * Canonical form is lower case: EVM addresses are case-insensitive.
 */
export function parseEvm(input: string): ParsedAddress {
  if (!EVM_ADDRESS.test(input)) {
    throw new InvalidAddressError('an EVM address is "0x" followed by exactly 40 hexadecimal digits (0-9, a-f)');
  }
  const digits = input.slice(2);
  const mixedCase = digits !== digits.toLowerCase() && digits !== digits.toUpperCase();
  if (mixedCase && eip55(input) !== input) {
    throw new InvalidAddressError(
      'EIP-55 checksum does not match: the upper- and lower-case letters of this EVM address do not agree, so it is mistyped',
    );
  }
  return { input, canonical: `0x${digits.toLowerCase()}`, family: 'evm', chains: [...EVM_CHAINS], checksummed: mixedCase };
}
