import { jsonSchemaTransform } from 'fastify-type-provider-zod';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * jsonSchemaTransform, keeping the `headers` a route's response declares (such as Retry-After): the zod transform
 * keeps only a response's description and content, and @fastify/swagger documents the headers it is given.
 */
export const transformKeepingResponseHeaders: typeof jsonSchemaTransform = (input) => {
  const output = jsonSchemaTransform(input);
  const declared = input.schema?.response;
  const transformed = output.schema.response;
  if (!isRecord(declared) || !isRecord(transformed)) return output;
  const response = { ...transformed };
  for (const [status, declaredResponse] of Object.entries(declared)) {
    const transformedResponse = response[status];
    if (isRecord(declaredResponse) && isRecord(declaredResponse.headers) && isRecord(transformedResponse)) {
      response[status] = { ...transformedResponse, headers: declaredResponse.headers };
    }
  }
  return { ...output, schema: { ...output.schema, response } };
};
