import type { SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const SCHEMA_REF = /"#\/components\/schemas\/([^"]+)"/g;

/** The names of the component schemas that `value` refers to, directly. */
function referencedSchemas(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(SCHEMA_REF)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}

/**
 * Keeps only the component schemas that an operation reaches, directly or through other components. The zod type
 * provider registers an input and an output form of every named schema; a document listing the half that no
 * operation uses would describe types the API never sends or takes.
 */
export function withoutUnusedSchemas<T extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(doc: T): T {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const reached = new Set<string>();
  const pending = referencedSchemas(doc.paths);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    pending.push(...referencedSchemas(schemas[name]));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return renameLoneInputs({ ...doc, components: { ...doc.components, schemas: kept } });
}

/** `ScreenRequestInput` becomes `ScreenRequest` where only the input form is used: the suffix would say nothing. */
function renameLoneInputs<T extends { components?: { schemas?: Record<string, unknown> } }>(doc: T): T {
  const names = Object.keys(doc.components?.schemas ?? {});
  const lone = names.filter((n) => n.endsWith('Input') && !names.includes(n.slice(0, -'Input'.length)));
  if (lone.length === 0) return doc;
  let text = JSON.stringify(doc);
  for (const name of lone) {
    const base = name.slice(0, -'Input'.length);
    text = text.replaceAll(`"#/components/schemas/${name}"`, `"#/components/schemas/${base}"`).replaceAll(`"${name}":`, `"${base}":`);
  }
  return JSON.parse(text) as T;
}

/** The zod type provider's document transform, then the pruning above. */
export const transformDocument: SwaggerTransformObject = (input) => withoutUnusedSchemas(jsonSchemaTransformObject(input));
