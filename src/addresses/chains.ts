/** Tickers as OFAC writes them ("Digital Currency Address - XBT"); common other spellings map onto them. */
const TICKER_ALIASES: Record<string, string> = { BTC: 'XBT', ETHEREUM: 'ETH', BITCOIN: 'XBT', TRON: 'TRX', BNB_SMART_CHAIN: 'BSC' };

/** `btc` → `XBT`, `eth` → `ETH`. */
export function normaliseTicker(chain: string): string {
  const upper = chain.trim().toUpperCase();
  return TICKER_ALIASES[upper] ?? upper;
}

/**
 * Chains using Ethereum's account format: one key pair, one 0x address on every one of them, and the ERC-20-style
 * tokens (USDT, USDC) issued on them. An address listed under any of these matches the same address on the others.
 */
export const EVM_CHAINS = ['ETH', 'ETC', 'BSC', 'BNB', 'ARB', 'OP', 'MATIC', 'POL', 'AVAX', 'BASE', 'USDT', 'USDC', 'DAI'];

/** Tokens issued on Tron (TRC-20) besides TRX itself. */
export const TRON_CHAINS = ['TRX', 'USDT', 'USDC'];
