import { sql } from 'kysely';
import t from 'tap';
import { compiledOnce } from '../src/compiled-once.js';
import type { Executor } from '../src/database.js';
import { insertMentor, openTestDb } from './helpers/database.js';

t.test('a query compiled once answers each call with its own values, constants kept', async (t) => {
  const db = await openTestDb(t);
  const first = await insertMentor(db, 'first@example.com', null);
  const second = await insertMentor(db, 'second@example.com', '/attached_assets/a.png');
  const byEmailAndId = compiledOnce((executor: Executor, email: string, id: string) =>
    executor
      .selectFrom('mentors')
      .select(['id', 'email'])
      .where('comms_owner', '=', 'exec')
      .where(sql<string>`lower(email)`, '=', email)
      .where('id', '=', id),
  );
  t.same(await byEmailAndId(db, 'first@example.com', first), [{ id: first, email: 'first@example.com' }]);
  t.same(await byEmailAndId(db, 'second@example.com', second), [{ id: second, email: 'second@example.com' }]);
  t.same(await byEmailAndId(db, 'first@example.com', second), [], 'both values are the call’s own');
  await db.transaction().execute(async (trx) => {
    t.same(await byEmailAndId(trx, 'second@example.com', second), [{ id: second, email: 'second@example.com' }]);
  });
});

t.test('a value that is not a bound parameter is refused, not silently ignored', async (t) => {
  const db = await openTestDb(t);
  const inlined = compiledOnce((executor: Executor, id: string) =>
    executor
      .selectFrom('mentors')
      .select('id')
      .where(sql.raw<boolean>(`id = '${id}'`)),
  );
  await t.rejects(inlined(db, 'x'), /not a bound parameter/);
});
