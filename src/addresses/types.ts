export type AddressFamily =
  | 'bitcoin-base58'
  | 'bech32'
  | 'cashaddr'
  | 'evm'
  | 'tron'
  | 'monero'
  | 'ripple'
  | 'zcash-shielded'
  | 'solana'
  | 'unvalidated';

export interface ParsedAddress {
  input: string;
  /** The key to store and look up: case-folded where the encoding is case-insensitive, verbatim otherwise. */
  canonical: string;
  family: AddressFamily;
  /** Tickers the address is valid on, in OFAC's spelling (`XBT`, not `BTC`). */
  chains: string[];
  /** Whether a checksum proved the address intact (false for all-lower-case EVM, Solana and unvalidated tokens). */
  checksummed: boolean;
}
