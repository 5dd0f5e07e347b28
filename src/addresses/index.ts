import { distance as levenshtein } from 'fastest-levenshtein';
import { parseBase58, parseRipple } from './base58.js';
import { BECH32_SHAPE, parseBech32 } from './bech32.js';
import { CASHADDR_SHAPE, parseCashaddr } from './cashaddr.js';
import { EVM_CHAINS, TRON_CHAINS, normaliseTicker } from './chains.js';
import { InvalidAddressError } from './errors.js';
import { parseEvm } from './evm.js';
import { parseMonero } from './monero.js';
import type { AddressFamily, ParsedAddress } from './types.js';

export { InvalidAddressError } from './errors.js';
export type { AddressFamily, ParsedAddress } from './types.js';

/** Every ticker some family validates; an address listed under any other ticker is accepted as an unvalidated token. */
const KNOWN_TICKERS = new Set([
  ...EVM_CHAINS, ...TRON_CHAINS, 'XBT', 'XBT-TESTNET', 'BCH', 'BSV', 'LTC', 'DASH', 'BTG', 'XVG', 'DOGE', 'ZEC', 'XMR', 'XRP', 'SOL',
]);

/**
 * Why a screening cannot take `chain`, or null when it can: a ticker (any case, `BTC` for `XBT`) that some family
 * validates or that a loaded list uses (`listed`, read only when the ticker is not a known one), so that a typo such
 * as `ETHH` is a client error instead of an address checked for no chain, e.g. `unknownChain('eth', [])` → null.
 */
export function unknownChain(chain: string, listed: Iterable<string>): string | null {
  const ticker = normaliseTicker(chain);
  if (KNOWN_TICKERS.has(ticker)) return null;
  const chains = new Set(KNOWN_TICKERS);
  for (const l of listed) {
    const other = normaliseTicker(l);
    if (other === ticker) return null;
    chains.add(other);
  }
  const known = [...chains].sort();
  const near = known.find((k) => levenshtein(k, ticker) === 1);
  return `unknown chain ${JSON.stringify(chain)}${near ? ` (did you mean ${near}?)` : ''}; give one of ${known.join(', ')} (any case; BTC for XBT)`;
}

// An address of a chain this service cannot validate: one token of letters and digits (and the separators some use).
const WELL_FORMED_TOKEN = /^[A-Za-z0-9][A-Za-z0-9:._-]{14,127}$/;

const FAMILY_NAMES: Record<AddressFamily, string> = {
  'bitcoin-base58': 'a base58check',
  bech32: 'a bech32',
  cashaddr: 'a Bitcoin Cash cashaddr',
  evm: 'an EVM (0x…)',
  tron: 'a Tron',
  monero: 'a Monero',
  ripple: 'an XRP Ledger',
  'zcash-shielded': 'a Zcash shielded',
  solana: 'a Solana',
  unvalidated: 'an unvalidated',
};

function parseKnown(value: string, ticker: string | undefined): ParsedAddress {
  const lower = value.toLowerCase();
  if (lower.startsWith('0x')) return parseEvm(value);
  if (CASHADDR_SHAPE.test(lower) && (lower.startsWith('bitcoincash:') || ticker === undefined || ticker === 'BCH')) return parseCashaddr(value);
  if (BECH32_SHAPE.test(lower)) return parseBech32(value);
  if (value.startsWith('r') && ticker !== 'SOL') {
    try {
      return parseRipple(value);
    } catch (err) {
      if (ticker === 'XRP') throw err;
    }
  }
  if ((value.length === 95 || value.length === 106) && (ticker === undefined || ticker === 'XMR')) return parseMonero(value);
  if (ticker === 'XMR') return parseMonero(value);
  return parseBase58(value);
}

/**
 * Validates a cryptocurrency address and gives its canonical form, e.g.
 * `parseAddress('0x52908400098527886E0F7030069857D2E4169EE7').canonical` → `0x52908400098527886e0f7030069857d2e4169ee7`.
 * With `chain` (a ticker: XBT/BTC, ETH, USDT, TRX, …), the address must be valid on that chain.
 * Throws InvalidAddressError saying what is wrong.
 */
export function parseAddress(input: string, chain?: string): ParsedAddress {
  const value = input.trim();
  if (value === '') throw new InvalidAddressError('the address is empty');
  if (/\s/.test(value)) throw new InvalidAddressError('the address contains whitespace: an address is one unbroken string of letters and digits');
  const ticker = chain === undefined || chain.trim() === '' ? undefined : normaliseTicker(chain);
  if (ticker !== undefined && !KNOWN_TICKERS.has(ticker)) {
    try {
      return { ...parseKnown(value, undefined), input, chains: [ticker] };
    } catch {
      if (!WELL_FORMED_TOKEN.test(value)) throw new InvalidAddressError(`not a well-formed ${ticker} address: expected one token of 15 to 128 letters and digits`);
      return { input, canonical: value, family: 'unvalidated', chains: [ticker], checksummed: false };
    }
  }
  let parsed: ParsedAddress;
  try {
    parsed = parseKnown(value, ticker);
  } catch (err) {
    if (!(err instanceof InvalidAddressError)) throw new InvalidAddressError('not a recognised cryptocurrency address');
    throw ticker === undefined ? err : new InvalidAddressError(`not a valid ${ticker} address: ${err.message}`);
  }
  if (ticker !== undefined && !parsed.chains.includes(ticker)) {
    throw new InvalidAddressError(`${FAMILY_NAMES[parsed.family]} address is not valid on ${ticker}; it is valid on ${parsed.chains.join(', ')}`);
  }
  return { ...parsed, input };
}

/** A list address as the importer indexes it. `validated: false` counts it as listed but not proven well-formed. */
export interface CanonicalAddress {
  canonical: string;
  validated: boolean;
  family: AddressFamily;
  chains: string[];
  /** Why validation failed, when it did. */
  problem?: string | undefined;
}

/**
 * The canonical form of an address from a sanctions list, for indexing. Never throws: an address that fails
 * validation is kept (trimmed; lower-cased where its shape is a case-insensitive encoding) and flagged, because
 * the list, not this validator, decides what is designated.
 */
export function canonicalAddress(value: string, chain?: string): CanonicalAddress {
  try {
    const parsed = parseAddress(value, chain);
    return { canonical: parsed.canonical, validated: parsed.family !== 'unvalidated', family: parsed.family, chains: parsed.chains };
  } catch (err) {
    const trimmed = value.trim();
    const caseInsensitive = /^0x[0-9a-f]{40}$/i.test(trimmed) || BECH32_SHAPE.test(trimmed.toLowerCase());
    return {
      canonical: caseInsensitive ? trimmed.toLowerCase() : trimmed,
      validated: false,
      family: 'unvalidated',
      chains: chain === undefined ? [] : [normaliseTicker(chain)],
      problem: err instanceof Error ? err.message : String(err),
    };
  }
}
