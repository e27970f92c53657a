import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small structural checker of JSON values against the schemas of the committed `openapi.json` (the
 * subset the document uses: $ref, type, nullable, required, properties, additionalProperties, items,
 * enum, oneOf, allOf). Properties a schema does not declare are problems too: a response carrying an
 * undocumented field means its DTO is behind. No dependency: what the API promises, read literally.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Response {
  content?: Record<string, { schema?: Schema }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { schemas: Record<string, Schema> };
}

export const OPENAPI_PATH = join(__dirname, '..', 'openapi.json');

let committed: OpenApiDocument | undefined;

/** The committed document (read once per test file). */
export function openApiDocument(): OpenApiDocument {
  committed ??= JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApiDocument;
  return committed;
}

/** The JSON schema of a route's answer with that status, or undefined when it answers no JSON. */
export function responseSchema(path: string, method: string, status: number): Schema | undefined {
  const operation = openApiDocument().paths[path]?.[method];
  if (!operation) throw new Error(`openapi.json has no ${method.toUpperCase()} ${path}`);
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`openapi.json declares no ${status} for ${method.toUpperCase()} ${path}`);
  return response.content?.['application/json']?.schema;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Every way `value` departs from `schema`, as `path: problem` lines (empty when it conforms). */
export function schemaProblems(value: unknown, schema: Schema, path = '$'): string[] {
  const schemas = openApiDocument().components.schemas;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = schemas[name];
    if (!target) return [`${path}: unknown schema ${schema.$ref}`];
    return schemaProblems(value, target, path);
  }
  if (value === null && schema.nullable) return [];
  if (schema.allOf) return schema.allOf.flatMap((s) => schemaProblems(value, s, path));
  if (schema.oneOf) {
    const each = schema.oneOf.map((s) => schemaProblems(value, s, path));
    const matching = each.filter((p) => p.length === 0).length;
    if (matching >= 1) return [];
    return [`${path}: matches none of oneOf (${each.map((p) => p[0]).join(' | ')})`];
  }
  if (value === null) return [`${path}: null but not nullable`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum`];
  const actual = typeOf(value);
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (type && !(actual === type || (type === 'number' && actual === 'integer'))) {
    return [`${path}: ${actual} where the schema says ${type}`];
  }
  if (actual === 'array' && schema.items) {
    const items = schema.items;
    return (value as unknown[]).flatMap((v, i) => schemaProblems(v, items, `${path}[${i}]`));
  }
  if (actual !== 'object') return [];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of schema.required ?? []) {
    if (!(name in record)) problems.push(`${path}.${name}: required but missing`);
  }
  const properties = schema.properties ?? {};
  for (const [name, v] of Object.entries(record)) {
    const property = properties[name];
    if (property) problems.push(...schemaProblems(v, property, `${path}.${name}`));
    else if (typeof schema.additionalProperties === 'object') {
      problems.push(...schemaProblems(v, schema.additionalProperties, `${path}.${name}`));
    } else if (schema.additionalProperties !== true && schema.properties) {
      problems.push(`${path}.${name}: not declared in the schema`);
    }
  }
  return problems;
}
