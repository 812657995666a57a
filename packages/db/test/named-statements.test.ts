import { CompiledQuery, sql } from 'kysely';
import t from 'tap';
import { createDb, createPool } from '../src/database.js';
import { prepareOncePerConnection } from '../src/named-statements.js';
import { createTestDatabase } from '../src/testing/test-database.js';

t.test('a registered query text is prepared once on each connection; other queries are not', async (t) => {
  const database = await createTestDatabase();
  // One connection each, so every query of a pool runs in the session whose statements it lists.
  const pools = [1, 2].map(() => createDb(createPool({ connectionString: database.url, max: 1 }, () => {})));
  t.teardown(async () => {
    for (const db of pools) await db.destroy();
    await database.drop();
  });
  const registered = 'select $1::int + 1 as next';
  prepareOncePerConnection(registered);

  for (const db of pools) {
    const run = (text: string, value: number) => db.executeQuery(CompiledQuery.raw(text, [value]));
    t.same((await run(registered, 1)).rows, [{ next: 2 }]);
    t.same((await run(registered, 41)).rows, [{ next: 42 }], 'the prepared statement, with new parameters');
    await run('select $1::int as other', 1);
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
    t.same(
      rows.map((row) => row.statement),
      [registered],
    );
  }
});
