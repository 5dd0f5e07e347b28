/**
 * Property-based fuzzing of the HTTP API from its own OpenAPI document: for every operation, requests generated from
 * the declared parameters and body schemas — valid ones, and ones with wrong types, huge and empty strings, odd
 * Unicode, extra and missing fields, bad cursors and dates, and wrong content types — each checked against what the
 * document promises for that operation.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: { json?: Schema; csv: boolean } | null;
  responses: string[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Every operation of the document, with the schemas it declares. */
export function operationsOf(doc: Schema): Operation[] {
  const paths = doc.paths as Record<string, Record<string, Schema>>;
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = (op.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined;
      return {
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as unknown as Parameter[] | undefined) ?? [],
        body: content ? { json: content['application/json']?.schema as Schema | undefined, csv: 'text/csv' in content } : null,
        responses: Object.keys(op.responses as Schema),
      };
    }),
  );
}

/** Values no schema asks for: the edges where parsers and matchers break. */
const hostileString = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\uD800', '\uDFFF\uD800', '\u202Egnp.exe', '\u200B\u200D\uFEFF', '🏴‍☠️👨‍👩‍👧', 'ǅ̵̡̛̖͙', '%', '%zz', '%ED%A0%80', '../../etc/passwd', '=HYPERLINK("x")', "'; DROP TABLE screenings; --", '2019-02-29', '9999-99-99', '-1', '1e309', 'null', 'true', 'a'.repeat(5000), '가'.repeat(400), 'A B '.repeat(150)),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.array(hostileString, { maxLength: 3 }),
);

const componentName = (ref: string) => ref.replace('#/components/schemas/', '');

/** Values that a schema admits (as far as its keywords go: enough to reach past validation into the handlers). */
function fromSchema(doc: Schema, schema: Schema | undefined, depth = 0): fc.Arbitrary<Json> {
  if (!schema || depth > 6) return hostileValue;
  if (typeof schema.$ref === 'string') {
    const components = (doc.components as Schema).schemas as Record<string, Schema>;
    return fromSchema(doc, components[componentName(schema.$ref)], depth + 1);
  }
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const as Json);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return fc.oneof(...options.map((s) => fromSchema(doc, s as Schema, depth + 1)));
  }
  if (Array.isArray(schema.allOf)) return fromSchema(doc, schema.allOf[0] as Schema, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  return fc.oneof(...type.map((t) => ofType(doc, schema, typeof t === 'string' ? t : 'any', depth)));
}

function ofType(doc: Schema, schema: Schema, type: string, depth: number): fc.Arbitrary<Json> {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: num('minimum') ?? -10, max: Math.min(num('maximum') ?? 2000, 2000) });
    case 'number':
      return fc.double({ min: num('minimum') ?? -1, max: num('maximum') ?? 2, noNaN: true });
    case 'array':
      return fc.array(fromSchema(doc, schema.items as Schema | undefined, depth + 1), {
        maxLength: Math.min(num('maxItems') ?? 4, 4),
      });
    case 'object': {
      const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const required = (schema.required as string[] | undefined) ?? [];
      const arbs = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, fromSchema(doc, s, depth + 1)]));
      return fc.record(arbs, { requiredKeys: required.filter((k) => k in arbs) }) as fc.Arbitrary<Json>;
    }
    case 'string':
      return stringOf(schema);
    default:
      return hostileValue;
  }
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const maxLength = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 60, 200);
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern, 'u'), { maxLength });
    } catch {
      // A pattern fast-check cannot generate from: fall back to plain strings, which validation then judges.
    }
  }
  return fc.oneof(
    fc.constantFrom('Lazarus Group', 'Crimson Group', 'Kim Chol', '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', '2019', '2019-04', '2019-04-18'),
    fc.string({ unit: 'grapheme', minLength, maxLength }),
  );
}

/** A body that is valid, nearly valid (one field hostile, one unknown, one missing) or not JSON at all. */
function bodyOf(doc: Schema, op: Operation): fc.Arbitrary<{ payload?: string; contentType?: string }> {
  const schema = op.body?.json;
  const valid = fromSchema(doc, schema);
  const json = (v: unknown) => ({ payload: JSON.stringify(v), contentType: 'application/json' });
  const mutated = fc
    .tuple(valid, fc.string({ maxLength: 12 }), hostileValue, fc.boolean())
    .map(([value, key, bad, drop]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return json(bad);
      const keys = Object.keys(value);
      const copy: Record<string, unknown> = { ...value };
      if (drop && keys[0] !== undefined) delete copy[keys[0]];
      else if (keys.length > 0) copy[keys[key.length % keys.length] ?? key] = bad;
      else copy[key || 'unexpected'] = bad;
      return json(copy);
    });
  const csv = fc
    .tuple(fc.constantFrom('name', 'address', 'ref,name', 'nom', ''), fc.array(hostileString, { maxLength: 5 }))
    .map(([header, rows]) => ({ payload: [header, ...rows.map((r) => JSON.stringify(r))].join('\r\n'), contentType: 'text/csv' }));
  const garbage = fc.oneof(
    fc.record({ payload: fc.constantFrom('', '{', '[1,2', '{"name":"x"', 'null', '"just a string"', '{"a":'.repeat(200)), contentType: fc.constant('application/json') }),
    fc.record({ payload: hostileString, contentType: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x') }),
    fc.constant({ payload: 'x'.repeat(70 * 1024), contentType: 'application/json' }),
  );
  const options: fc.Arbitrary<{ payload?: string; contentType?: string }>[] = [valid.map(json), valid.map(json), mutated, garbage];
  if (op.body?.csv) options.push(csv);
  if (op.body === null) return fc.oneof(fc.constant({}), fc.constant({}), fc.constant({}), garbage);
  return fc.oneof(...options);
}

/** Percent-encodes any string, lone surrogates included (they go out as U+FFFD, as a browser would send them). */
const encode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[\w.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

function parameterValue(doc: Schema, p: Parameter): fc.Arbitrary<string> {
  const stringify = (v: Json) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : JSON.stringify(v));
  const valid = fromSchema(doc, p.schema).map(stringify);
  return fc.oneof(valid, valid, hostileString.map(stringify), fc.constantFrom('not-a-cursor', 'eyJpZCI6MX0', '2019-02-30', '2020-13', '2030-01-01', '0', '-5', '100000'));
}

/** Requests for one operation. */
export function requestsFor(doc: Schema, op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValues = fc.tuple(...pathParams.map((p) => parameterValue(doc, p).filter((v) => v !== '').map(encode)));
  const raw = fc.constantFrom('%ED%A0%80', '%E0%A4%A', '%', '..%2F..');
  const query = fc.tuple(
    ...queryParams.map((p) => fc.option(parameterValue(doc, p), { nil: undefined, freq: 2 })),
    fc.option(fc.tuple(fc.constantFrom('unknownParam', 'q', 'limit', 'x[y]', ''), hostileString), { nil: undefined, freq: 3 }),
  );
  const auth = fc.constantFrom<string | undefined>(undefined, undefined, undefined, 'Bearer dprk_notarealkey', 'Basic YTpi', 'Bearer ');
  return fc
    .tuple(pathValues, fc.option(raw, { nil: undefined, freq: 10 }), query, bodyOf(doc, op), auth)
    .map(([values, rawSegment, queryValues, body, authorization]) => {
      let path = op.path;
      pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, rawSegment ?? values[i] ?? 'x');
      });
      const extra = queryValues[queryValues.length - 1] as [string, string] | undefined;
      const pairs: string[] = [];
      queryParams.forEach((p, i) => {
        const v = queryValues[i];
        if (typeof v === 'string') pairs.push(`${encode(p.name)}=${encode(v)}`);
      });
      if (extra) pairs.push(`${encode(extra[0])}=${encode(extra[1])}`);
      const headers: Record<string, string> = {};
      if (body.contentType) headers['content-type'] = body.contentType;
      if (authorization !== undefined) headers.authorization = authorization;
      return {
        method: op.method,
        url: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path,
        headers,
        ...(body.payload !== undefined ? { payload: body.payload } : {}),
      };
    });
}

/** What is wrong with an answer to `op`, or null when it keeps the document's promises. */
export function breachOf(op: Operation, status: number, contentType: string | undefined, body: string): string | null {
  const documented = op.responses.includes(String(status)) || op.responses.includes(`${String(status)[0]}XX`) || op.responses.includes('default');
  if (!documented) return `status ${status} is not documented for ${op.method} ${op.path} (documented: ${op.responses.join(', ')})`;
  if (status >= 500 && status !== 503) return `status ${status}: a server error`;
  if (status < 400) return null;
  if (!contentType?.startsWith('application/problem+json')) return `status ${status} answered as ${contentType}, not application/problem+json`;
  let problem: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown };
  try {
    problem = JSON.parse(body) as typeof problem;
  } catch {
    return `status ${status}: the problem body is not JSON`;
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== status || typeof problem.detail !== 'string') {
    return `status ${status}: the problem lacks type, title, status or detail: ${body.slice(0, 200)}`;
  }
  return null;
}

/** Sends `runs` generated requests to each operation; throws (with fast-check's shrunk counterexample) on a breach. */
export async function fuzzApi(app: FastifyInstance, doc: Schema, options: { runs: number; seed?: number }): Promise<number> {
  let sent = 0;
  for (const op of operationsOf(doc)) {
    await fc.assert(
      fc.asyncProperty(requestsFor(doc, op), async (req) => {
        const res = await app.inject(req as InjectOptions);
        sent++;
        const breach = breachOf(op, res.statusCode, res.headers['content-type'] as string | undefined, res.body);
        if (breach) throw new Error(`${breach}\n  request: ${req.method} ${req.url} ${JSON.stringify(req.headers)} ${(req.payload ?? '').slice(0, 300)}`);
      }),
      { numRuns: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    );
  }
  return sent;
}
