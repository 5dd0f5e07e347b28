import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * Just enough reading of the official list files to check the curated facts derived from them. The entries are
 * located by string search and read with regular expressions: the blocks are small and regular, and the tests only
 * need names, programs, dates and addresses.
 */

export interface ListedName {
  name: string;
  /** `primary` for the entry's main name, `aka` for an a.k.a. */
  role: 'primary' | 'aka';
  lowQuality: boolean;
}

export interface ListedEntry {
  ref: string;
  names: ListedName[];
  programs: string[];
  listedOn: string[];
  cryptoAddresses: { chain: string; value: string }[];
}

function decodeXml(text: string): string {
  return text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function between(xml: string, open: string, close: string): string | undefined {
  const start = xml.indexOf(open);
  if (start < 0) return undefined;
  const end = xml.indexOf(close, start);
  return end < 0 ? undefined : xml.slice(start, end + close.length);
}

const pad = (n: string): string => n.padStart(2, '0');

/** The OFAC SDN advanced XML (version 3), gunzipped into memory. */
export class OfacAdvancedList {
  private readonly xml: string;
  private readonly cryptoFeatureTypes: Map<string, string>;

  constructor(gzFile: string) {
    this.xml = gunzipSync(fs.readFileSync(gzFile)).toString('utf8');
    // e.g. <FeatureType ID="345" FeatureTypeGroupID="1">Digital Currency Address - ETH</FeatureType>
    this.cryptoFeatureTypes = new Map(
      [...this.xml.matchAll(/<FeatureType ID="(\d+)"[^>]*>Digital Currency Address - ([^<]+)<\/FeatureType>/g)].map(
        (m) => [m[1] ?? '', m[2] ?? ''],
      ),
    );
  }

  has(fixedRef: string): boolean {
    return this.xml.includes(`<DistinctParty FixedRef="${fixedRef}">`);
  }

  entry(fixedRef: string): ListedEntry | undefined {
    const party = between(this.xml, `<DistinctParty FixedRef="${fixedRef}">`, '</DistinctParty>');
    const sanctions = between(this.xml, `<SanctionsEntry ID="${fixedRef}" ProfileID="${fixedRef}"`, '</SanctionsEntry>');
    if (party === undefined || sanctions === undefined) return undefined;

    const names = [...party.matchAll(/<Alias [^>]*AliasTypeID="(\d+)"[^>]*LowQuality="(true|false)">([\s\S]*?)<\/Alias>/g)].map(
      (m): ListedName => ({
        name: [...(m[3] ?? '').matchAll(/<NamePartValue[^>]*>([^<]*)<\/NamePartValue>/g)]
          .map((p) => decodeXml(p[1] ?? ''))
          .join(' '),
        role: m[1] === '1403' ? 'primary' : 'aka',
        lowQuality: m[2] === 'true',
      }),
    );
    const cryptoAddresses = [...party.matchAll(/<Feature ID="\d+" FeatureTypeID="(\d+)">([\s\S]*?)<\/Feature>/g)].flatMap(
      (m) => {
        const chain = this.cryptoFeatureTypes.get(m[1] ?? '');
        const value = /<VersionDetail DetailTypeID="\d+">([^<]+)<\/VersionDetail>/.exec(m[2] ?? '')?.[1];
        return chain === undefined || value === undefined ? [] : [{ chain, value: decodeXml(value) }];
      },
    );
    const programs = [...sanctions.matchAll(/<SanctionsMeasure [^>]*>\s*<Comment>([^<]+)<\/Comment>/g)].map((m) => m[1] ?? '');
    const listedOn = [
      ...sanctions.matchAll(/<EntryEvent [^>]*>[\s\S]*?<Year>(\d+)<\/Year>\s*<Month>(\d+)<\/Month>\s*<Day>(\d+)<\/Day>/g),
    ].map((m) => `${m[1]}-${pad(m[2] ?? '')}-${pad(m[3] ?? '')}`);
    return { ref: fixedRef, names, programs, listedOn: [...new Set(listedOn)], cryptoAddresses };
  }
}

/** The UN Security Council consolidated list XML. */
export class UnConsolidatedList {
  private readonly xml: string;

  constructor(file: string) {
    this.xml = fs.readFileSync(file, 'utf8');
  }

  private block(referenceNumber: string): string | undefined {
    const at = this.xml.indexOf(`<REFERENCE_NUMBER>${referenceNumber}</REFERENCE_NUMBER>`);
    if (at < 0) return undefined;
    const start = Math.max(this.xml.lastIndexOf('<INDIVIDUAL>', at), this.xml.lastIndexOf('<ENTITY>', at));
    const end = Math.min(
      ...['</INDIVIDUAL>', '</ENTITY>'].map((close) => this.xml.indexOf(close, at)).filter((i) => i >= 0),
    );
    return this.xml.slice(start, end);
  }

  has(referenceNumber: string): boolean {
    return this.block(referenceNumber) !== undefined;
  }

  entry(referenceNumber: string): ListedEntry | undefined {
    const block = this.block(referenceNumber);
    if (block === undefined) return undefined;
    const field = (tag: string): string[] =>
      [...block.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => decodeXml(m[1] ?? '').trim());
    const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].flatMap(field).join(' ');
    const akas = [...block.matchAll(/<(?:INDIVIDUAL|ENTITY)_ALIAS>([\s\S]*?)<\/(?:INDIVIDUAL|ENTITY)_ALIAS>/g)].flatMap((m) => {
      const name = decodeXml(/<ALIAS_NAME>([^<]*)<\/ALIAS_NAME>/.exec(m[1] ?? '')?.[1] ?? '').trim();
      const quality = /<QUALITY>([^<]*)<\/QUALITY>/.exec(m[1] ?? '')?.[1] ?? '';
      return name === '' ? [] : [{ name, role: 'aka' as const, lowQuality: quality.toLowerCase() === 'low' }];
    });
    return {
      ref: referenceNumber,
      names: [{ name: primary, role: 'primary', lowQuality: false }, ...akas],
      programs: field('UN_LIST_TYPE'),
      listedOn: field('LISTED_ON'),
      cryptoAddresses: [],
    };
  }
}
