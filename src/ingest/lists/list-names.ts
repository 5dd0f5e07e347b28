import type { EntityName, NameType } from '../../model.js';
import { listCitation } from './records.js';
import { detectScript } from './scripts.js';

/**
 * The names of one list entry as they are read, each once: a name in a non-Latin script is `original_script` with
 * its ISO 15924 code whatever type the list gives it, and a name already kept with the same type is not kept again
 * (lists repeat a name once per birth date, per language or per regulation that cites it). The first primary name
 * read is the primary one; a list that marks several primary spellings has the others as aliases.
 */
export class ListNames {
  private readonly names: EntityName[] = [];

  constructor(
    private readonly sourceId: string,
    private readonly listEntry: string,
  ) {}

  add(name: string, type: NameType, lang?: string): void {
    const value = name.trim().replace(/\s+/g, ' ');
    if (value === '') return;
    const script = detectScript(value);
    const hasPrimary = this.names.some((n) => n.type === 'primary');
    const finalType = script !== 'Latn' ? 'original_script' : type === 'primary' && hasPrimary ? 'alias' : type;
    if (this.names.some((n) => n.name === value && (n.type === finalType || n.type === 'primary'))) return;
    this.names.push({
      name: value,
      type: finalType,
      ...(script === 'Latn' ? {} : { script }),
      ...(lang ? { lang } : {}),
      citations: listCitation(this.sourceId, this.listEntry),
    });
  }

  /** Every name, the primary first; an entry with none marked primary has its first name as the primary one. */
  all(): EntityName[] {
    const primary = this.names.find((n) => n.type === 'primary') ?? this.names[0];
    if (!primary) return [];
    return [{ ...primary, type: 'primary' }, ...this.names.filter((n) => n !== primary)];
  }
}
