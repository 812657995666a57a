import Type, { type Static, type TObject, type TSchema } from 'typebox';

/** Building blocks for profile schemas: every string has a length limit, every list a size limit. */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const ShortText = Type.String({ maxLength: 200 });
export const LongText = Type.String({ maxLength: 5000 });
export const Url = Type.String({ maxLength: 2048 });
export const TimeZone = Type.String({ minLength: 1, maxLength: 100 });
export const TextList = Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 });
/** An email in a path segment; never format-checked there, since it is only compared. */
export const EmailParams = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }) });

/**
 * The value with only the schema's own properties. Validation does not strip unknown keys, and create
 * routes ignore them (as the previous server did), so a route writes what this returns, never the raw body.
 */
export function pickProperties<T extends TObject>(schema: T, value: Static<T>): Static<T> {
  const known = Object.keys(schema.properties);
  return Object.fromEntries(Object.entries(value).filter(([key]) => known.includes(key))) as Static<T>;
}
