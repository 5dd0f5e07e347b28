import { z } from 'zod';
import type { Db } from '../db/database.js';
import { listDeliveries } from '../db/webhook-deliveries-repo.js';
import { deleteEndpoint, getEndpoint, listEndpoints, updateEndpoint } from '../db/webhook-endpoints-repo.js';
import { HttpProblem } from '../errors.js';
import { idParamsSchema, noQueryParameters, problemResponse, problemResponses } from '../schemas/common.js';
import {
  webhookCreateSchema,
  webhookCreatedSchema,
  webhookDeliveryListSchema,
  webhookDeliveryQuerySchema,
  webhookListSchema,
  webhookSchema,
  webhookSecretSchema,
  webhookUpdateSchema,
} from '../schemas/webhooks.js';
import { destinationProblem } from '../webhooks/destinations.js';
import { endpointView, registerEndpoint, rotateSecret } from '../webhooks/endpoints.js';
import { type App, typed } from './types.js';

export interface WebhookRouteOptions {
  db: Db;
  allowPrivate: boolean;
}

const notFound = (id: string) => new HttpProblem(404, 'notFound', `No webhook has the id "${id}".`);
const NOT_FOUND = { 404: problemResponse('No webhook has this id.') };

export async function webhookRoutes(app: App, { db, allowPrivate }: WebhookRouteOptions): Promise<void> {
  const checkDestination = (url: string) => {
    const problem = destinationProblem(url, allowPrivate);
    if (problem !== null) throw new HttpProblem(400, 'validation', `body.url: ${problem}`, [{ field: 'body.url', message: problem }]);
  };
  const registered = (id: string) => {
    const endpoint = getEndpoint(db, id);
    if (!endpoint) throw notFound(id);
    return endpoint;
  };

  typed(app).post(
    '/v1/webhooks',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'createWebhook',
        summary: 'Register a webhook endpoint (its signing secret is shown only in this answer)',
        description:
          'Deliveries are signed as the Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`, ' +
          '`webhook-signature`) with the secret returned here, and retried with backoff for 24 hours until the ' +
          'endpoint answers 2xx. An unknown event type, or a URL that is not https or points to a private, loopback ' +
          'or link-local address, is a 400.',
        tags: ['webhooks'],
        body: webhookCreateSchema,
        response: { 201: webhookCreatedSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      checkDestination(request.body.url);
      const now = new Date();
      const { id, secret } = registerEndpoint(db, request.body, now);
      return reply.code(201).send({ ...endpointView(registered(id), now), secret });
    },
  );

  typed(app).get(
    '/v1/webhooks',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'listWebhooks',
        summary: 'List the registered webhook endpoints',
        tags: ['webhooks'],
        querystring: noQueryParameters,
        response: { 200: webhookListSchema, ...problemResponses },
      },
    },
    async () => {
      const now = new Date();
      return { webhooks: listEndpoints(db).map((e) => endpointView(e, now)) };
    },
  );

  typed(app).get(
    '/v1/webhooks/:id',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'getWebhook',
        summary: 'One webhook endpoint',
        tags: ['webhooks'],
        params: idParamsSchema,
        querystring: noQueryParameters,
        response: { 200: webhookSchema, ...NOT_FOUND, ...problemResponses },
      },
    },
    async (request) => endpointView(registered(request.params.id), new Date()),
  );

  typed(app).patch(
    '/v1/webhooks/:id',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'updateWebhook',
        summary: 'Change a webhook endpoint’s URL, events or whether it is enabled',
        description: 'Deliveries not yet made go to the new URL. A disabled endpoint is sent nothing; its due deliveries wait.',
        tags: ['webhooks'],
        params: idParamsSchema,
        body: webhookUpdateSchema,
        response: { 200: webhookSchema, ...NOT_FOUND, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { url, events, enabled } = request.body;
      if (url !== undefined) checkDestination(url);
      const now = new Date();
      const changes = {
        ...(url !== undefined ? { url } : {}),
        ...(events !== undefined ? { events: [...new Set(events)] } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      };
      if (!updateEndpoint(db, id, changes, now.toISOString())) throw notFound(id);
      return endpointView(registered(id), now);
    },
  );

  typed(app).delete(
    '/v1/webhooks/:id',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook endpoint, with its deliveries (pending ones are never sent)',
        tags: ['webhooks'],
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted.'), ...NOT_FOUND, ...problemResponses },
      },
    },
    async (request, reply) => {
      if (!deleteEndpoint(db, request.params.id)) throw notFound(request.params.id);
      return reply.code(204).send(null);
    },
  );

  typed(app).post(
    '/v1/webhooks/:id/rotate-secret',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'rotateWebhookSecret',
        summary: 'Give a webhook endpoint a new signing secret; the old one keeps signing for 24 hours',
        description:
          'Until `previousSecretExpiresAt`, every delivery carries two signatures (space-separated in ' +
          '`webhook-signature`), one per secret, so the receiver can switch to the new secret at its own pace. ' +
          'Rotating again within those 24 hours drops the oldest secret at once.',
        tags: ['webhooks'],
        params: idParamsSchema,
        response: { 200: webhookSecretSchema, ...NOT_FOUND, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const rotated = rotateSecret(db, id, new Date());
      if (!rotated) throw notFound(id);
      return { id, ...rotated };
    },
  );

  typed(app).get(
    '/v1/webhooks/:id/deliveries',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'listWebhookDeliveries',
        summary: 'A webhook endpoint’s deliveries, newest first, each with every attempt made',
        tags: ['webhooks'],
        params: idParamsSchema,
        querystring: webhookDeliveryQuerySchema,
        response: { 200: webhookDeliveryListSchema, ...NOT_FOUND, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      registered(id);
      const { items, nextCursor } = listDeliveries(db, id, request.query);
      return { deliveries: items, nextCursor };
    },
  );
}
