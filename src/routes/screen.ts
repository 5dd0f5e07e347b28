import type { FastifyReply, FastifyRequest } from 'fastify';
import { screeningProblemResponses } from '../schemas/limits.js';
import { addressParamsSchema, addressQuerySchema, screenRequestSchema, screenResponseSchema } from '../schemas/screen.js';
import { type ScreenRequest, ScreeningInputError } from '../screening/screen.js';
import type { AuditWriter } from '../db/audit-writer.js';
import { screenAndRecordGrouped } from '../screening/service.js';
import { type App, apiKeyIdOf, typed } from './types.js';

export async function screenRoutes(app: App, { auditWriter: audit }: { auditWriter: AuditWriter }): Promise<void> {
  // One query, through the gate: a single screening spends 1 from the caller's query budget.
  const answer = (request: FastifyRequest, reply: FastifyReply, query: ScreenRequest, ref: string | null = null) =>
    app.screeningGate.admit(request, reply, 1, () =>
      screenAndRecordGrouped({ db: app.catalog.db, store: app.store.db, state: app.catalog.state, apiKeyId: apiKeyIdOf(request), channel: 'api', observer: app.metrics }, audit, query, ref),
    );

  typed(app).post(
    '/v1/screen',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'screen',
        summary: 'Screen a name, an organisation or a wallet address',
        description:
          'Compares the name with every name and alias of every flagged party, and the address with every listed ' +
          'digital currency address, and returns the matches best first, one per real-world party: its score, the ' +
          'name or address that matched, why, the designations of every list it is on, and the citations. Analysts’ ' +
          'decisions on the subject are applied (`previouslyReviewed`), and the screening is recorded in the audit ' +
          'trail before the answer is sent (`screeningId`).',
        tags: ['screening'],
        body: screenRequestSchema,
        response: { 200: screenResponseSchema, ...screeningProblemResponses },
      },
    },
    async (request, reply) => {
      const { ref, ...query } = request.body;
      return answer(request, reply, query, ref ?? null);
    },
  );

  typed(app).get(
    '/v1/addresses/:address',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'screenAddress',
        summary: 'Screen one wallet address',
        description: 'The same answer as POST /v1/screen with only `address` (and `chain`). A malformed address is a 400.',
        tags: ['screening'],
        params: addressParamsSchema.meta({ examples: [{ address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96' }] }),
        querystring: addressQuerySchema,
        response: { 200: screenResponseSchema, ...screeningProblemResponses },
      },
    },
    async (request, reply) => {
      try {
        const query = { address: request.params.address, chain: request.query.chain, datasets: request.query.datasets };
        return await answer(request, reply, { ...query, kind: 'any', limit: 50 });
      } catch (err) {
        // Name the field as this route takes it: the address is in the path, the chain and datasets in the query.
        if (!(err instanceof ScreeningInputError)) throw err;
        throw new ScreeningInputError(err.field === 'body.address' ? 'params.address' : err.field.replace(/^body\./, 'querystring.'), err.message);
      }
    },
  );
}
