import { describe, expect, it } from 'vitest';
import { InvalidAddressError, canonicalAddress, parseAddress } from '../../src/addresses/index.js';
import { eip55 } from '../../src/addresses/evm.js';

const EVM = ['ETH', 'ETC', 'BSC', 'BNB', 'ARB', 'OP', 'MATIC', 'POL', 'AVAX', 'BASE', 'USDT', 'USDC', 'DAI'];

describe('parseAddress accepts valid addresses of every family', () => {
  it.each([
    // [case, input, chain, canonical, family, chains]
    ['Bitcoin genesis address (P2PKH)', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'XBT', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin-base58', ['XBT', 'BCH', 'BSV', 'USDT']],
    ['Bitcoin P2SH', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'BTC', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'bitcoin-base58', ['XBT', 'BCH', 'BSV', 'LTC', 'USDT']],
    ['Bitcoin SegWit v0, upper case', 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'XBT', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'bech32', ['XBT']],
    ['Bitcoin Taproot (bech32m, BIP 350)', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'XBT', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bech32', ['XBT']],
    ['EIP-55 test vector', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'ETH', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'evm', EVM],
    ['EIP-55 test vector on Arbitrum', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', 'ARB', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'evm', EVM],
    ['EIP-55 all caps', '0x52908400098527886E0F7030069857D2E4169EE7', 'USDT', '0x52908400098527886e0f7030069857d2e4169ee7', 'evm', EVM],
    ['EIP-55 all lower', '0xde709f2102306220921060314715629080e2fb77', 'BSC', '0xde709f2102306220921060314715629080e2fb77', 'evm', EVM],
    ['Tron USDT contract', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'USDT', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron', ['TRX', 'USDT', 'USDC']],
    ['XRP Ledger genesis account', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', 'XRP', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', 'ripple', ['XRP']],
    ['Monero project donation address', '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A', 'XMR', '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A', 'monero', ['XMR']],
    ['Monero subaddress', '8B6J1q3fW5d6zQmAjzX3Zh1TWoSE9TzweLBXFLgKa1MdFFiAhUpuhMSJ4Bkghjk4yyD3LkP5ARZxm4Pv3AkCmtx5DYuszEx', 'XMR', '8B6J1q3fW5d6zQmAjzX3Zh1TWoSE9TzweLBXFLgKa1MdFFiAhUpuhMSJ4Bkghjk4yyD3LkP5ARZxm4Pv3AkCmtx5DYuszEx', 'monero', ['XMR']],
    ['Litecoin L…', 'Lg7EvUMHYyzGrmV9oUtKSDMDxNjtYhApAB', 'LTC', 'Lg7EvUMHYyzGrmV9oUtKSDMDxNjtYhApAB', 'bitcoin-base58', ['LTC']],
    ['Litecoin M…', 'MEbdZrEjFB8eePAya3VEeaeJcGGVDn92mu', 'LTC', 'MEbdZrEjFB8eePAya3VEeaeJcGGVDn92mu', 'bitcoin-base58', ['LTC']],
    ['Litecoin ltc1…', 'ltc1q5pk4qk43hl9c9karycqcj2v006qvm5kn89fug7', 'LTC', 'ltc1q5pk4qk43hl9c9karycqcj2v006qvm5kn89fug7', 'bech32', ['LTC']],
    ['Dash X…', 'XrhQNUNomF5z2TxzyW8ByogAuogT7JYNJB', 'DASH', 'XrhQNUNomF5z2TxzyW8ByogAuogT7JYNJB', 'bitcoin-base58', ['DASH']],
    ['Bitcoin Gold G…', 'GTGvzHFuW4GPHipnvAC29ZU5qgbrFhqQb8', 'BTG', 'GTGvzHFuW4GPHipnvAC29ZU5qgbrFhqQb8', 'bitcoin-base58', ['BTG']],
    ['Verge D…', 'D7VsDKkGe6LREmZgvcPqGizS53WvVYo6hd', 'XVG', 'D7VsDKkGe6LREmZgvcPqGizS53WvVYo6hd', 'bitcoin-base58', ['XVG', 'DOGE']],
    ['Zcash transparent t1…', 't1Pm2XeBSm2fNCZerFCe5wTLrhJtgMaL1mM', 'ZEC', 't1Pm2XeBSm2fNCZerFCe5wTLrhJtgMaL1mM', 'bitcoin-base58', ['ZEC']],
    ['Zcash transparent t3…', 't3dKWZH97JJMrwPBqdzumRxujm4HpFviyBq', 'ZEC', 't3dKWZH97JJMrwPBqdzumRxujm4HpFviyBq', 'bitcoin-base58', ['ZEC']],
    ['Zcash shielded zs1…', 'zs1nac2pzuuxsjvkvuqfnjy8pdhrf4068dcglhk8khzyzht8sa3up2w46gtjq8hurt3m233vqwtqaf', 'ZEC', 'zs1nac2pzuuxsjvkvuqfnjy8pdhrf4068dcglhk8khzyzht8sa3up2w46gtjq8hurt3m233vqwtqaf', 'zcash-shielded', ['ZEC']],
    ['Bitcoin Cash cashaddr (spec example)', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a', 'BCH', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a', 'cashaddr', ['BCH']],
    ['Bitcoin Cash cashaddr without prefix', 'qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a', 'BCH', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a', 'cashaddr', ['BCH']],
    ['Bitcoin Cash legacy format', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'BCH', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin-base58', ['XBT', 'BCH', 'BSV', 'USDT']],
    ['BNB Beacon Chain bnb1…', 'bnb17vtze27nhc8emqce48gan0tmw49nwh82jusne3', 'BNB', 'bnb17vtze27nhc8emqce48gan0tmw49nwh82jusne3', 'bech32', ['BNB']],
    ['Solana wrapped-SOL mint', 'So11111111111111111111111111111111111111112', 'SOL', 'So11111111111111111111111111111111111111112', 'solana', ['SOL']],
    ['surrounding whitespace is trimmed', '  1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n', undefined, '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin-base58', ['XBT', 'BCH', 'BSV', 'USDT']],
  ])('%s', (_, input, chain, canonical, family, chains) => {
    const parsed = parseAddress(input, chain);
    expect({ canonical: parsed.canonical, family: parsed.family, chains: parsed.chains }).toEqual({ canonical, family, chains });
  });

  it('the same EVM address in any letter case is one canonical key on every EVM chain', () => {
    const keys = ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed']
      .flatMap((a) => ['ETH', 'ETC', 'BSC', 'USDC'].map((chain) => parseAddress(a, chain).canonical));
    expect(new Set(keys)).toEqual(new Set(['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed']));
  });

  it.each([
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ])('eip55() reproduces the EIP-55 test vector %s', (address) => {
    expect(eip55(address.toLowerCase())).toBe(address);
  });

  it('a ticker the service cannot validate accepts a well-formed token and says it is unvalidated', () => {
    expect(parseAddress('addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x', 'ADA')).toEqual({
      input: 'addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x',
      canonical: 'addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x',
      family: 'unvalidated',
      chains: ['ADA'],
      checksummed: false,
    });
  });
});

describe('parseAddress rejects, saying why', () => {
  it.each([
    ['an empty string', '', undefined, /the address is empty/],
    ['only whitespace', '   ', 'ETH', /the address is empty/],
    ['whitespace inside', '1A1zP1eP5QGefi2DMP TfTL5SLmv7DivfNa', 'XBT', /contains whitespace/],
    ['a base58 address one character off', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', 'XBT', /base58check checksum does not match: the address is mistyped or its letter case was changed/],
    ['a base58 address with its case changed', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNA', undefined, /base58check checksum does not match/],
    ['a character outside base58', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0', 'XBT', /outside the Bitcoin base58 alphabet/],
    ['an EIP-55 address with one letter case flipped', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', 'ETH', /EIP-55 checksum does not match/],
    ['an EVM address of 39 digits', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae', 'ETH', /exactly 40 hexadecimal digits/],
    ['a bech32 address one character off', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp', 'XBT', /bech32 checksum does not match/],
    ['a cashaddr one character off', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6c', 'BCH', /cashaddr checksum does not match/],
    ['a Monero address one character off', '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3B', 'XMR', /Monero checksum does not match/],
    ['a 64-hex-digit value listed as Monero', '5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320', 'XMR', /95 characters/],
    ['a Tron address given as Bitcoin', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'XBT', /a Tron address is not valid on XBT; it is valid on TRX, USDT, USDC/],
    ['an EVM address given as Bitcoin', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'XBT', /an EVM \(0x…\) address is not valid on XBT/],
    ['a Litecoin address given as Dash', 'Lg7EvUMHYyzGrmV9oUtKSDMDxNjtYhApAB', 'DASH', /not valid on DASH/],
    ['an XRP address one character off', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTj', 'XRP', /base58check checksum does not match/],
    ['a name, not an address', 'Lazarus Group', undefined, /contains whitespace/],
  ])('%s', (_, input, chain, message) => {
    expect(() => parseAddress(input, chain)).toThrow(InvalidAddressError);
    expect(() => parseAddress(input, chain)).toThrow(message);
  });
});

describe('canonicalAddress never throws on list data', () => {
  it('a valid list address is indexed by its canonical form', () => {
    expect(canonicalAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'ETH')).toEqual({
      canonical: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      validated: true,
      family: 'evm',
      chains: EVM,
    });
  });

  it.each([
    ['a Tron address listed under XBT', 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq ', 'XBT', 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq'],
    ['a mis-checksummed EVM address is still lower-cased', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', 'ETH', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'],
    ['an empty value', ' ', 'XBT', ''],
  ])('%s is kept, flagged as unvalidated', (_, value, chain, canonical) => {
    const result = canonicalAddress(value, chain);
    expect(result).toMatchObject({ canonical, validated: false, family: 'unvalidated', chains: [chain] });
    expect(result.problem).toEqual(expect.any(String));
  });
});
