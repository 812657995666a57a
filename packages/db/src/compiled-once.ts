import type { CompiledQuery } from 'kysely';
import type { Executor } from './database.js';
import { prepareOncePerConnection } from './named-statements.js';

/** A query builder (`compile()`) or a `sql` template (`compile(db)`). */
interface Compilable<Row> {
  compile(db: Executor): CompiledQuery<Row>;
}

/**
 * A hot query built and compiled once per database handle; each call only puts its values in. Building and
 * compiling a query with Kysely costs more CPU than the database's answer to a primary-key lookup. `build`
 * must use its values only as bound parameters (`where('id', '=', id)`), as often as it likes; they are
 * recognised in the compiled parameters by stand-ins, so constants bound by the builder stay as they are. The
 * compiled query is reused as it is, which is sound while no Kysely plugin keeps state per query (none is used).
 * `prepared` also has PostgreSQL plan it once per connection (named-statements.ts): only for queries that name
 * their columns, since a prepared `select *` fails once a migration adds a column.
 */
export function compiledOnce<Values extends readonly unknown[], Row>(
  build: (db: Executor, ...values: Values) => Compilable<Row>,
  { prepared = false } = {},
): (db: Executor, ...values: Values) => Promise<Row[]> {
  const compiledFor = new WeakMap<Executor, { query: CompiledQuery<Row>; valueIndex: Map<unknown, number> }>();
  const compile = (db: Executor, arity: number) => {
    const standIns = Array.from({ length: arity }, (_, i) => `\u0000compiled-once-value-${i}`);
    const query = build(db, ...(standIns as unknown as Values)).compile(db);
    if (standIns.some((standIn) => !query.parameters.includes(standIn))) {
      throw new Error('compiledOnce: a value is not a bound parameter');
    }
    if (prepared) prepareOncePerConnection(query.sql);
    return { query, valueIndex: new Map<unknown, number>(standIns.map((standIn, i) => [standIn, i])) };
  };
  return async (db, ...values) => {
    let compiled = compiledFor.get(db);
    if (!compiled) {
      compiled = compile(db, values.length);
      compiledFor.set(db, compiled);
    }
    const { query, valueIndex } = compiled;
    const parameters = query.parameters.map((parameter) => {
      const index = valueIndex.get(parameter);
      return index === undefined ? parameter : values[index];
    });
    const { rows } = await db.executeQuery<Row>({ ...query, parameters });
    return rows;
  };
}
