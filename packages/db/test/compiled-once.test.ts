import { sql } from 'kysely';
import t from 'tap';
import { compiledOnce } from '../src/compiled-once.js';
import type { Executor } from '../src/database.js';
import { insertMentor, openTestDatabase, openTestDb } from './helpers/database.js';

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

t.test('a sql template may use a value twice; prepared, it is planned once per connection', async (t) => {
  const { db } = await openTestDatabase(t, { max: 1 });
  const id = await insertMentor(db, 'twice@example.com', null);
  const twice = compiledOnce(
    (_executor: Executor, mentorId: string) =>
      sql<{ found: boolean; email: string | null }>`
        select exists (select from mentors where id = ${mentorId}) as found,
               (select email from mentors where id = ${mentorId}) as email`,
    { prepared: true },
  );
  t.same(await twice(db, id), [{ found: true, email: 'twice@example.com' }]);
  t.same(await twice(db, 'unknown'), [{ found: false, email: null }]);
  const { rows } = await sql<{ statements: number }>`
    select count(*)::int as statements from pg_prepared_statements where statement like '%exists (select from mentors%'`.execute(
    db,
  );
  t.equal(rows[0]!.statements, 1, 'one named statement on the connection');
});
