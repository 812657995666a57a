import t from 'tap';
import Type from 'typebox';
import { BookingRow } from '../../src/schemas/booking.js';
import { NullableTimestamp, Timestamp } from '../../src/schemas/common.js';
import { jsonColumnsOf } from '../../src/schemas/json-columns.js';
import { MenteeBody } from '../../src/schemas/mentee.js';

t.test('columns in the schema order, each with its JSON type', async (t) => {
  const columns = jsonColumnsOf(
    Type.Object({
      id: Type.String(),
      status: Type.Enum(['pending', 'accepted']),
      goal: Type.Union([Type.String(), Type.Null()]),
      rating: Type.Union([Type.Integer(), Type.Null()]),
      held: Type.Boolean(),
      created_at: Timestamp,
      scheduled_at: NullableTimestamp,
      languages: Type.Array(Type.String()),
    }),
  );
  t.same(columns, [
    { name: 'id', kind: 'string' },
    { name: 'status', kind: 'string' },
    { name: 'goal', kind: 'string' },
    { name: 'rating', kind: 'integer' },
    { name: 'held', kind: 'boolean' },
    { name: 'created_at', kind: 'date-time' },
    { name: 'scheduled_at', kind: 'date-time' },
    { name: 'languages', kind: 'string-array' },
  ]);
  t.same(
    jsonColumnsOf(BookingRow).map((column) => column.name),
    Object.keys(BookingRow.properties),
  );
  t.same(
    jsonColumnsOf(MenteeBody).map((column) => column.name),
    Object.keys(MenteeBody.properties),
  );
});

t.test('a property it cannot write as the serialiser would is refused', async (t) => {
  for (const [what, schema] of [
    ['a number (numeric columns arrive as strings)', Type.Number()],
    ['a nested object', Type.Object({ a: Type.String() })],
    ['a date without time', Type.String({ format: 'date' })],
    ['a string or an integer', Type.Union([Type.String(), Type.Integer()])],
    ['a list of integers', Type.Array(Type.Integer())],
    ['a list of nullable strings', Type.Array(Type.Union([Type.String(), Type.Null()]))],
    ['a list of dates', Type.Array(Timestamp)],
    ['an enum of numbers', Type.Enum([1, 2])],
    ['an optional string', Type.Optional(Type.String())],
  ] as const) {
    t.throws(() => jsonColumnsOf(Type.Object({ field: schema })), /No JSON text for property field/, what);
  }
});
