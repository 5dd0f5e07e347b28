import type { RelationType } from '../../model.js';

/**
 * OFAC relation types (ProfileRelationship RelationType; "Linked To:" in the legacy CSV remarks) mapped to the
 * nearest relation of the domain model. OFAC reads "From <relation> To"; `inverse` relations are stored on the
 * To-party pointing at the From-party so that every stored relation reads "entity <type> target".
 *
 * | OFAC                            | model            | why                                                   |
 * | ------------------------------- | ---------------- | ----------------------------------------------------- |
 * | Associate Of                    | associated_with  | a personal or business associate                      |
 * | Linked To (legacy CSV)          | associated_with  | OFAC's unspecified link                               |
 * | Family member of                | associated_with  | kinship is not a role in the other party              |
 * | Providing support to            | affiliated_with  | supports the target without acting on its behalf      |
 * | playing a significant role in   | affiliated_with  | takes part in the target's activity                   |
 * | Acting for or on behalf of      | operates_for     | acts as the target's agent                            |
 * | Leader or official of           | operates_for     | holds office in the target organisation               |
 * | Principal Executive Officer     | operates_for     | runs the target company                               |
 * | Owned or Controlled By          | controlled_by    | as stated                                             |
 * | Property in the interest of     | controlled_by    | a vessel or asset held for the target                 |
 * | Owns, controls, or operates     | controlled_by    | inverse: the To-party is controlled by the From-party |
 */
export interface MappedRelation {
  type: RelationType;
  inverse: boolean;
}

const OFAC_RELATIONS: Record<string, MappedRelation> = {
  'associate of': { type: 'associated_with', inverse: false },
  'linked to': { type: 'associated_with', inverse: false },
  'family member of': { type: 'associated_with', inverse: false },
  'providing support to': { type: 'affiliated_with', inverse: false },
  'playing a significant role in': { type: 'affiliated_with', inverse: false },
  'acting for or on behalf of': { type: 'operates_for', inverse: false },
  'leader or official of': { type: 'operates_for', inverse: false },
  'principal executive officer': { type: 'operates_for', inverse: false },
  'owned or controlled by': { type: 'controlled_by', inverse: false },
  'property in the interest of': { type: 'controlled_by', inverse: false },
  'owns, controls, or operates': { type: 'controlled_by', inverse: true },
};

/** The model relation for an OFAC relation name (case-insensitive); unknown names fall back to `associated_with`. */
export function mapOfacRelation(name: string): MappedRelation {
  return OFAC_RELATIONS[name.trim().toLowerCase()] ?? { type: 'associated_with', inverse: false };
}
