import { type RawBuilder, sql } from 'kysely';

/** The JSON type of a property in a response schema, which decides how its column is written. */
export type JsonValueKind = 'string' | 'integer' | 'boolean' | 'date-time' | 'string-array';

/**
 * A column of the answer, named as its property. A property the schema does not let be null must be a NOT NULL
 * column: what the serialiser makes of a null there ("" or 0) is not reproduced.
 */
export interface JsonColumn {
  name: string;
  kind: JsonValueKind;
}

/**
 * The column as `row_to_json` must see it to write the bytes that node-postgres and the schema serialiser
 * (fast-json-stringify) make of it: timestamps as Date#toJSON gives them (UTC, milliseconds truncated as
 * postgres-date truncates them), NULL elements of a text array as "". Strings are escaped as JSON.stringify
 * escapes them, and objects are compact, by `row_to_json` itself.
 */
function jsonReady(table: string, { name, kind }: JsonColumn): RawBuilder<unknown> {
  const value = sql.ref(`${table}.${name}`);
  switch (kind) {
    case 'string':
      return sql`${value}::text`;
    case 'integer':
    case 'boolean':
      return sql`${value}`;
    case 'date-time':
      return sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'string-array':
      return sql`array_replace(${value}, null, '')`;
  }
}

/** A select list whose row `row_to_json` writes as the serialiser writes the schema's object: its keys, in order. */
export const jsonReadyColumns = (table: string, columns: readonly JsonColumn[]): RawBuilder<unknown> =>
  sql.join(columns.map((column) => sql`${jsonReady(table, column)} as ${sql.id(column.name)}`));

/**
 * False for a row the serialiser does not write faithfully, which the caller refuses rather than answer
 * differently: a timestamp outside years 1–9999 (Date#toJSON writes "+010000-…", or nothing for ±infinity),
 * a nested text array (flattened to comma-joined strings).
 */
export function writtenAsJsonFaithfully(table: string, columns: readonly JsonColumn[]): RawBuilder<boolean> {
  const of = (kind: JsonValueKind) =>
    columns.filter((column) => column.kind === kind).map(({ name }) => sql.ref(`${table}.${name}`));
  const timestamps = of('date-time');
  const arrays = of('string-array');
  const checks: RawBuilder<boolean>[] = [];
  if (timestamps.length > 0) {
    // least and greatest skip NULLs: only the timestamps a row has count.
    const list = sql.join(timestamps);
    checks.push(
      sql`coalesce(least(${list}) >= '0001-01-01T00:00:00Z' and greatest(${list}) < '10000-01-01T00:00:00Z', true)`,
    );
  }
  if (arrays.length > 0) {
    checks.push(sql`coalesce(greatest(${sql.join(arrays.map((array) => sql`array_ndims(${array})`))}), 1) = 1`);
  }
  return checks.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(checks, sql` and `)})`;
}
