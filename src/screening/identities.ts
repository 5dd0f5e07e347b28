import type { Db } from '../db/database.js';
import type { DesignationView } from '../db/entities-repo.js';
import { type PrintedIdentity, readingPrintedIdentities } from '../db/listed-identity-repo.js';
import {
  type PreparedListedIdentity, identifierComparisonKey, mergeListedIdentities, prepareListedIdentity, readIdentifierType,
} from '../matching/index.js';
import type { Steps } from '../steps.js';
import type { Party } from './parties.js';

/** The list entry a record's values are shown beside: its first designation with a reference (`UN KPi.012`, `OFAC 12218`). */
function listEntryOf(entityId: string, designations: ReadonlyMap<string, DesignationView[]>): string {
  const designation = (designations.get(entityId) ?? []).find((d) => d.listRef !== null);
  return designation ? `${designation.authority} ${designation.listRef}` : entityId;
}

// Types a screening compares: a listed e-mail address or call sign is not an identity document.
const isDocument = (i: PrintedIdentity['identifiers'][number]) => readIdentifierType(i.type, i.number) !== undefined;

/**
 * What the lists print about who each record is, read once when the state is built: a prepared identity per record,
 * and the records by identity-document number, so a screening by passport or IMO alone finds its candidates.
 */
export class ListedIdentities {
  /** Unions of parties whose every record was searched, made once: most screenings search every dataset. */
  private readonly wholeParties = new Map<string, PreparedListedIdentity>();

  private constructor(
    private readonly byRecord: ReadonlyMap<string, PreparedListedIdentity>,
    private readonly byNumber: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** Reads them in steps (see steps.ts), inside the caller's read transaction: that of the rest of the state. */
  static *reading(db: Db, designations: ReadonlyMap<string, DesignationView[]>): Steps<ListedIdentities> {
    const byRecord = new Map<string, PreparedListedIdentity>();
    const byNumber = new Map<string, string[]>();
    yield* readingPrintedIdentities(db, (printed) => {
      const identity = prepareListedIdentity({
        birthDates: printed.birthDates,
        nationalities: printed.nationalities,
        countries: printed.countries,
        gender: printed.gender,
        identifiers: printed.identifiers.filter(isDocument),
        source: listEntryOf(printed.entityId, designations),
      });
      byRecord.set(printed.entityId, identity);
      for (const key of new Set(identity.identifiers.flatMap((i) => i.numbers.map(identifierComparisonKey)))) {
        const records = byNumber.get(key);
        if (records) records.push(printed.entityId);
        else byNumber.set(key, [printed.entityId]);
      }
    });
    return new ListedIdentities(byRecord, byNumber);
  }

  /** The party's identity: the union of what its records in the searched datasets print. */
  ofParty(party: Party, searched: ReadonlySet<string>): PreparedListedIdentity {
    const whole = party.members.every((m) => searched.has(m.datasetId));
    const made = whole ? this.wholeParties.get(party.lead.id) : undefined;
    if (made) return made;
    const records = party.members.filter((m) => searched.has(m.datasetId)).flatMap((m) => {
      const identity = this.byRecord.get(m.id);
      return identity ? [identity] : [];
    });
    const identity = mergeListedIdentities(records);
    if (whole) this.wholeParties.set(party.lead.id, identity);
    return identity;
  }

  /** The records carrying a document whose number agrees with one of these normalised numbers. */
  recordsWithNumbers(numbers: readonly string[]): string[] {
    return [...new Set(numbers.flatMap((n) => this.byNumber.get(identifierComparisonKey(n)) ?? []))];
  }
}
