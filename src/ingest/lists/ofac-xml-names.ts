import type { EntityName, NameType } from '../../model.js';
import { listCitation } from './records.js';
import type { RawAlias, RawParty } from './ofac-xml-raw.js';
import type { ReferenceTables } from './ofac-xml.js';
import { scriptCodeOfOfacScript, writtenWithoutSpaces } from './scripts.js';

const SURNAME_PARTS = new Set(['Last Name', 'Patronymic', 'Matronymic', 'Maiden Name']);
const GIVEN_PARTS = new Set(['First Name', 'Middle Name']);

interface TypedPart {
  type: string;
  value: string;
}

/**
 * A person's name as OFAC prints it on the SDN list: `SURNAME, Given Middle` (surname upper-cased, e.g.
 * `MYONG, Chol Min`, `ZAMBADA GARCIA, Ismael`), so the XML and the legacy CSV give the same name. Names that are
 * not split into surname and given name (entities, vessels, nicknames) keep their parts in document order.
 * Non-Latin names keep document order, written without spaces in Chinese, Japanese and Korean (`명철민`).
 */
export function ofacFullName(parts: TypedPart[], script: string): string {
  if (script !== 'Latn') return parts.map((p) => p.value).join(writtenWithoutSpaces(script) ? '' : ' ');
  const surname = parts.filter((p) => SURNAME_PARTS.has(p.type)).map((p) => p.value);
  const given = parts.filter((p) => GIVEN_PARTS.has(p.type)).map((p) => p.value);
  if (surname.length === 0 || given.length === 0) return parts.map((p) => p.value).join(' ');
  const rest = parts.filter((p) => !SURNAME_PARTS.has(p.type) && !GIVEN_PARTS.has(p.type)).map((p) => p.value);
  return `${surname.join(' ').toUpperCase()}, ${[...given, ...rest].join(' ')}`;
}

/** A.K.A. weak (OFAC's "low quality") → weak_alias; F.K.A. → former; N.K.A. and strong A.K.A. → alias. */
function nameTypeOf(alias: RawAlias, aliasType: string): NameType {
  if (aliasType === 'Name') return alias.primary ? 'primary' : 'alias';
  if (aliasType === 'F.K.A.') return 'former';
  return alias.lowQuality ? 'weak_alias' : 'alias';
}

/** Every name of a party; the first Latin name of the primary alias is the one `primary` name. */
export function ofacNames(party: RawParty, references: ReferenceTables, sourceId: string): EntityName[] {
  const lookup = (table: string, id: string): string => references.get(table)?.get(id)?.text ?? '';
  const names: EntityName[] = [];
  const seen = new Set<string>();
  let hasPrimary = false;
  const ordered = [...party.aliases].sort((a, b) => Number(b.primary) - Number(a.primary));
  for (const alias of ordered) {
    const aliasType = nameTypeOf(alias, lookup('AliasType', alias.typeId));
    for (const rawParts of alias.names) {
      if (rawParts.length === 0) continue;
      const script = scriptCodeOfOfacScript(lookup('Script', rawParts[0]?.scriptId ?? '') || 'Latin');
      const parts = rawParts.map((p) => ({ type: lookup('NamePartType', party.namePartTypes.get(p.groupId) ?? ''), value: p.value }));
      const name = ofacFullName(parts, script);
      let type: NameType = script === 'Latn' ? aliasType : 'original_script';
      if (type === 'primary' && hasPrimary) type = 'alias';
      if (type === 'primary') hasPrimary = true;
      const key = `${type}\u0000${name}`;
      if (name === '' || seen.has(key)) continue;
      seen.add(key);
      names.push({
        name,
        type,
        ...(script === 'Latn' ? {} : { script }),
        citations: listCitation(sourceId, party.fixedRef),
      });
    }
  }
  return names;
}
