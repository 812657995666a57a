import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './database.js';

/**
 * A hot query built and compiled once per database handle; each call only puts its values in. Building and
 * compiling a query with Kysely's builder costs more CPU than the database's answer to a primary-key lookup.
 * `build` must use each value exactly once, as a bound parameter (`where('id', '=', id)`); values are
 * recognised in the compiled parameters by stand-ins, so constants bound by the builder stay as they are. The
 * compiled query is reused as it is, which is sound while no Kysely plugin keeps state per query (none is used).
 */
export function compiledOnce<Values extends readonly unknown[], Row>(
  build: (db: Executor, ...values: Values) => Compilable<Row>,
): (db: Executor, ...values: Values) => Promise<Row[]> {
  const compiledFor = new WeakMap<Executor, { query: CompiledQuery<Row>; positions: number[] }>();
  const compile = (db: Executor, arity: number) => {
    const standIns = Array.from({ length: arity }, (_, i) => `\u0000compiled-once-value-${i}`);
    const query = build(db, ...(standIns as unknown as Values)).compile();
    const positions = standIns.map((standIn) => query.parameters.indexOf(standIn));
    if (positions.some((position) => position < 0)) throw new Error('compiledOnce: a value is not a bound parameter');
    return { query, positions };
  };
  return async (db, ...values) => {
    let compiled = compiledFor.get(db);
    if (!compiled) {
      compiled = compile(db, values.length);
      compiledFor.set(db, compiled);
    }
    const parameters = [...compiled.query.parameters];
    compiled.positions.forEach((position, i) => {
      parameters[position] = values[i];
    });
    const { rows } = await db.executeQuery<Row>({ ...compiled.query, parameters });
    return rows;
  };
}
