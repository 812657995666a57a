import type { JsonColumn, JsonValueKind } from '@mentorconnect/db/json-text';
import type { TObject } from 'typebox';

interface PropertySchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: PropertySchema[];
  items?: PropertySchema;
}

/** The JSON type of a property whose value is that type or null; undefined for any other schema. */
function kindOf(schema: PropertySchema): JsonValueKind | undefined {
  const alternatives = (schema.anyOf ?? [schema]).filter((alternative) => alternative.type !== 'null');
  if (alternatives.length !== 1) return undefined;
  const [only] = alternatives as [PropertySchema];
  if (only.enum) return only.enum.every((value) => typeof value === 'string') ? 'string' : undefined;
  const types = [only.type ?? []].flat().filter((type) => type !== 'null');
  if (types.length !== 1) return undefined;
  const [type] = types;
  if (type === 'string' && only.format === 'date-time') return 'date-time';
  if (only.format !== undefined) return undefined;
  if (type === 'string' || type === 'integer' || type === 'boolean') return type;
  const items = only.items;
  if (type === 'array' && items?.type === 'string' && items.format === undefined && items.enum === undefined) {
    return 'string-array';
  }
  return undefined;
}

/**
 * The columns behind an object schema's properties, in the schema's order (the order fast-json-stringify writes
 * them in), for answers PostgreSQL writes as JSON text. Throws on a property it cannot write as the serialiser
 * would, or one that may be left out.
 */
export function jsonColumnsOf(schema: TObject): JsonColumn[] {
  const required = new Set<string>(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const kind = required.has(name) ? kindOf(property as PropertySchema) : undefined;
    if (!kind) throw new Error(`No JSON text for property ${name}: ${JSON.stringify(property)}`);
    return { name, kind };
  });
}
