import { bech32, bech32m } from '@scure/base';
import { InvalidAddressError } from './errors.js';
import type { AddressFamily, ParsedAddress } from './types.js';

interface Prefix {
  family: AddressFamily;
  chains: string[];
  /** Segregated-witness addresses carry a witness version (BIP 173/350); the others carry bytes. */
  segwit: boolean;
  payloadBytes?: number[];
}

const PREFIXES: Record<string, Prefix> = {
  bc: { family: 'bech32', chains: ['XBT'], segwit: true },
  tb: { family: 'bech32', chains: ['XBT-TESTNET'], segwit: true },
  ltc: { family: 'bech32', chains: ['LTC'], segwit: true },
  btg: { family: 'bech32', chains: ['BTG'], segwit: true },
  bnb: { family: 'bech32', chains: ['BNB'], segwit: false, payloadBytes: [20] },
  zs: { family: 'zcash-shielded', chains: ['ZEC'], segwit: false, payloadBytes: [43] },
};

export const BECH32_SHAPE = /^(bc|tb|ltc|btg|bnb|zs)1[02-9ac-hj-np-z]+$/;

const MISMATCH = 'bech32 checksum does not match: the address is mistyped';

function decodeWords(address: string, encoding: typeof bech32): { prefix: string; words: number[] } | undefined {
  try {
    return encoding.decode(address as `${string}1${string}`, 120);
  } catch {
    return undefined;
  }
}

/**
 * Bech32 and Bech32m addresses: SegWit (bc1…, ltc1…, tb1…, btg1…), BNB Beacon Chain (bnb1…) and Zcash Sapling
 * shielded (zs1…). The encoding is case-insensitive: the canonical form is lower case.
 */
export function parseBech32(input: string): ParsedAddress {
  const address = input.toLowerCase();
  if (!BECH32_SHAPE.test(address)) throw new InvalidAddressError('not a bech32 address: it must be a known prefix, "1", then bech32 letters (no b, i, o or 1)');
  const prefix = PREFIXES[address.slice(0, address.lastIndexOf('1'))];
  if (!prefix) throw new InvalidAddressError('unknown bech32 prefix');
  const plain = decodeWords(address, bech32);
  const modern = plain ? undefined : decodeWords(address, bech32m);
  const decoded = plain ?? modern;
  if (!decoded) throw new InvalidAddressError(MISMATCH);
  if (prefix.segwit) {
    const [version = -1, ...programWords] = decoded.words;
    // BIP 350: witness version 0 uses bech32, versions 1-16 bech32m.
    if (version < 0 || version > 16 || (version === 0) !== (plain !== undefined)) throw new InvalidAddressError(MISMATCH);
    const program = bech32.fromWordsUnsafe(programWords);
    if (!program || program.length < 2 || program.length > 40 || (version === 0 && program.length !== 20 && program.length !== 32)) {
      throw new InvalidAddressError(`witness program of version ${version} has an invalid length`);
    }
  } else {
    const bytes = plain ? bech32.fromWordsUnsafe(decoded.words) : undefined;
    if (!bytes || !(prefix.payloadBytes ?? []).includes(bytes.length)) throw new InvalidAddressError(`not a valid ${prefix.chains.join('/')} bech32 address`);
  }
  return { input, canonical: address, family: prefix.family, chains: [...prefix.chains], checksummed: true };
}
