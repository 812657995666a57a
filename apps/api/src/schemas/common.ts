import Type from 'typebox';

/** Dates leave as ISO-8601 with Z (fast-json-stringify serialises Date for format date-time). */
export const Timestamp = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
export const NullableTimestamp = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });

export const ErrorBody = Type.Object(
  {
    message: Type.String(),
    errors: Type.Optional(Type.Array(Type.Unknown())),
  },
  { $id: 'ErrorBody' },
);

export const MessageBody = Type.Object({ message: Type.String() });

export const Email = Type.String({ format: 'email', maxLength: 254 });

/** Error responses every route may give; a route adds its own success schema. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ErrorBody]));

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
