import { uuidv7 } from 'uuidv7';
import { parseAddress } from '../addresses/index.js';
import { type DecisionRow, getDecision, listDecisions, withdrawDecision } from '../db/decisions-repo.js';
import { HttpProblem } from '../errors.js';
import { decisionListQuerySchema, decisionListSchema, decisionRequestSchema, decisionSchema } from '../schemas/audit.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import { addressSubject, decisionStatus, identitySubject, nameSubject, partyFingerprint, recordDecision } from '../screening/decisions.js';
import type { ScreeningState } from '../screening/catalog.js';
import { lockedTransaction } from '../store/transactions.js';
import { acknowledgeAlertsOnPair } from '../screening/review-queue-alerts.js';
import { chainProblemOf } from '../screening/screen.js';
import { type App, apiKeyIdOf, typed } from './types.js';

/** A 400 naming the one field that is wrong. */
const invalidField = (field: string, message: string) =>
  new HttpProblem(400, 'validation', `${field}: ${message}`, [{ field, message }]);

/**
 * The decision subject of a wallet address, or a 400 naming the field when the chain is unknown (as a screening
 * answers it) or the address is not valid on it.
 */
function subjectOfAddress(state: ScreeningState, address: string, chain: string | undefined, field: string): string {
  const chainProblem = chainProblemOf(state, chain);
  if (chainProblem !== null) throw invalidField(field.replace(/address$/, 'chain'), chainProblem);
  try {
    return addressSubject(parseAddress(address, chain).canonical);
  } catch (err) {
    throw invalidField(field, err instanceof Error ? err.message : String(err));
  }
}

export async function decisionRoutes(app: App): Promise<void> {
  const view = (d: DecisionRow) => {
    const { entityFingerprint: _fingerprint, ...rest } = d;
    return { ...rest, status: decisionStatus(app.catalog.state, d, new Date()) };
  };
  const recorded = async (id: string) => {
    const decision = await getDecision(app.store.db, id);
    if (!decision) throw new HttpProblem(404, 'notFound', `No decision has the id "${id}".`);
    return decision;
  };

  typed(app).post(
    '/v1/decisions',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'recordDecision',
        summary: 'Record an analyst’s decision on a (subject, party) pair',
        description:
          'Later screenings of the same subject (normalised name with the birth date and nationality it was screened with, identity documents screened alone, or canonical address) still return the match, ' +
          'marked `previouslyReviewed`; a false positive alone yields an overall `clear`, a true match `match`. ' +
          'A decision stops applying when it expires, is withdrawn or superseded, or when the party’s list records ' +
          'change. A (subject, party) pair has at most one decision that applies: a new one that contradicts it is ' +
          'a 409 unless it names it in `supersedes`, and an identical one is a 409. Recording one acknowledges the open ' +
          'alerts it answers: those on the party of a monitor whose subject is the decision’s (the reason is the note).',
        tags: ['decisions'],
        body: decisionRequestSchema,
        response: {
          201: decisionSchema,
          409: problemResponse(
            'A decision already applies to this subject and party (name it in `supersedes` to replace it), an ' +
              'identical one does, or the decision named in `supersedes` no longer applies.',
          ),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { subject, entityId, ...rest } = request.body;
      const party = app.catalog.state.parties.get(entityId);
      if (!party) throw invalidField('body.entityId', `no screenable party has the id "${entityId}"`);
      const key =
        subject.address !== undefined
          ? subjectOfAddress(app.catalog.state, subject.address, subject.chain, 'body.subject.address')
          : identitySubject(subject);
      if (key === null) throw invalidField('body.subject', 'give a `name`, `identifiers` or an `address`');
      const reviewer = rest.reviewer ?? request.apiKey?.name;
      if (reviewer === undefined) throw invalidField('body.reviewer', 'give the reviewer’s name: the service runs open, so no API key names one');
      const now = new Date();
      const db = app.catalog.db;
      // The decision and the acknowledgement of the alerts it answers are written together, or neither is.
      const outcome = await lockedTransaction(app.store.db, `decision:${key}`, async (trx) => {
        const result = await recordDecision(trx, app.catalog.state, party, {
          id: uuidv7(),
          createdAt: now.toISOString(),
          subject: key,
          subjectInput: subject.name ?? subject.address ?? (subject.identifiers ?? []).map((i) => `${i.type} ${i.number}`).join('; '),
          entityId: party.lead.id,
          entityFingerprint: partyFingerprint(party),
          decision: rest.decision,
          reason: rest.reason,
          reviewer,
          expiresAt: rest.expiresAt ? new Date(rest.expiresAt).toISOString() : null,
          apiKeyId: apiKeyIdOf(request),
          supersedes: rest.supersedes ?? null,
        }, now);
        // Alerts are still in SQLite: on that engine this runs inside the same transaction (one connection).
        if ('recorded' in result) {
          acknowledgeAlertsOnPair(db, app.catalog.state, { subjectKey: key, party }, { at: now.toISOString(), reviewer, note: rest.reason });
        }
        return result;
      });
      if ('recorded' in outcome) return reply.code(201).send(view(outcome.recorded));
      const { rejected } = outcome;
      if (rejected.kind === 'conflict') throw new HttpProblem(409, 'conflict', rejected.message);
      throw invalidField(rejected.field, rejected.message);
    },
  );

  typed(app).get(
    '/v1/decisions',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'listDecisions',
        summary: 'List decisions, with whether each still applies',
        description: 'Oldest first, filtered by subject (`name`, or `address` with its `chain`), party and status. An unknown parameter is a 400.',
        tags: ['decisions'],
        querystring: decisionListQuerySchema,
        response: { 200: decisionListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { name, address, chain, entity, status, ...page } = request.query;
      const now = new Date();
      const { items, nextCursor } = await listDecisions(
        app.store.db,
        {
          ...page,
          subject:
            name !== undefined ? nameSubject(name)
            : address !== undefined ? subjectOfAddress(app.catalog.state, address, chain, 'querystring.address')
            : undefined,
          entityId: entity === undefined ? undefined : (app.catalog.state.parties.get(entity)?.lead.id ?? entity),
        },
        status === undefined ? undefined : (d) => decisionStatus(app.catalog.state, d, now) === status,
      );
      return { decisions: items.map(view), nextCursor };
    },
  );

  typed(app).get(
    '/v1/decisions/:id',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'getDecision',
        summary: 'One decision, with whether it still applies',
        tags: ['decisions'],
        params: idParamsSchema,
        response: { 200: decisionSchema, 404: problemResponse('No decision has this id.'), ...problemResponses },
      },
    },
    async (request) => view(await recorded(request.params.id)),
  );

  typed(app).delete(
    '/v1/decisions/:id',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'withdrawDecision',
        summary: 'Withdraw a decision (it stays on record, marked withdrawn)',
        tags: ['decisions'],
        params: idParamsSchema,
        response: {
          200: decisionSchema,
          404: problemResponse('No decision has this id.'),
          409: problemResponse('The decision was already withdrawn, or was superseded by a later one.'),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const existing = await recorded(id);
      if (!(await withdrawDecision(app.store.db, id, new Date().toISOString(), apiKeyIdOf(request)))) {
        const why = existing.supersededBy === null ? 'was already withdrawn' : `was superseded by decision "${existing.supersededBy}"`;
        throw new HttpProblem(409, 'conflict', `Decision "${id}" ${why}.`);
      }
      return view(await recorded(id));
    },
  );
}
