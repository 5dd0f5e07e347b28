import { describe, expect, it } from 'vitest';
import { generateOpenapi } from '../../scripts/write-openapi.js';

const SCREENING_OPERATIONS = [
  ['/v1/screen', 'post'],
  ['/v1/addresses/{address}', 'get'],
  ['/v1/screen/batch', 'post'],
] as const;

describe('the OpenAPI document on the limits of screening work', () => {
  it.each(SCREENING_OPERATIONS)('documents 429 and 503 with Retry-After on %s', async (path, method) => {
    const document = JSON.parse(await generateOpenapi());
    const responses = document.paths[path][method].responses;
    for (const status of ['429', '503']) {
      expect(responses[status].content, status).toHaveProperty(['application/problem+json']);
      expect(responses[status].headers, status).toEqual({
        'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
      });
    }
  });

  it('documents the 413 of a batch carrying more queries than the burst', async () => {
    const document = JSON.parse(await generateOpenapi());
    expect(document.paths['/v1/screen/batch'].post.responses['413']).toEqual({
      description: 'The batch is larger than 4 MiB, or carries more queries than a client may ask for at once (`QUERY_LIMIT_BURST`).',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });
});
