import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_DATA_DIR, buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATA_DIR: REAL_DATA_DIR });
});
afterAll(async () => app.close());

interface Step {
  kind: string;
  type?: string;
  role?: string;
  authority?: string;
  from?: { id: string };
  to?: { id: string };
  event?: { id: string };
  citations: { quote: string | null }[];
}
interface Exposure {
  status: string;
  paths: { steps: Step[] }[];
}

const screened = async (name: string): Promise<Exposure> => {
  const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name, limit: 1 } });
  expect(res.statusCode).toBe(200);
  return res.json().matches[0].exposure;
};
const entityExposure = async (id: string): Promise<Exposure> => (await app.inject({ method: 'GET', url: `/v1/entities/${id}` })).json().exposure;

// A step as a line an analyst reads: what it states and between whom.
const outline = (step: Step) =>
  step.kind === 'designation' ? `designation ${step.authority}`
  : step.kind === 'event' ? `event ${step.event?.id} as ${step.role}`
  : `${step.from?.id} ${step.type} ${step.to?.id}`;

describe('exposure paths', () => {
  it('Virgil Griffith: speaker at the 2019 Pyongyang conference, hosted by the designated Government of the DPRK', async () => {
    const exposure = await screened('Virgil Griffith');
    expect(exposure.status).toBe('exposed');
    expect(exposure.paths[0]?.steps.map(outline)).toEqual([
      'event pyongyang-conference-2019 as speaker',
      'government-of-dprk host virgil-griffith',
      'designation UN Security Council',
    ]);
    expect(exposure.paths[0]?.steps.every((s) => s.citations.length > 0)).toBe(true);
    expect(await entityExposure('virgil-griffith')).toEqual(exposure);
  });

  it('Marine Chain: associated with the designated Government of the DPRK', async () => {
    const exposure = await screened('Marine Chain');
    expect(exposure.status).toBe('linked');
    expect(exposure.paths[0]?.steps.map(outline)).toEqual(['marine-chain associated_with government-of-dprk', 'designation UN Security Council']);
    expect(exposure.paths[0]?.steps[0]?.citations[0]?.quote).toBe(
      'The company is suspected of supplying cryptocurrencies to the North Korean government until it ceased activity in September 2018.',
    );
  });

  it('a designated party is exposed by its own designations only', async () => {
    const exposure = await entityExposure('lazarus-group');
    expect(exposure.status).toBe('designated');
    expect(exposure.paths.map((p) => p.steps.map(outline))).toEqual([['designation OFAC']]);
  });

  it('paths are ordered shortest first', async () => {
    const lengths = (await entityExposure('chris-emms')).paths.map((p) => p.steps.length);
    expect(lengths.length).toBeGreaterThan(0);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });
});
