import type pg from 'pg';

const statementNames = new Map<string, string>();

/**
 * Has PostgreSQL parse and plan this query text once per connection instead of on every run: every client of
 * `createPool` sends it as a named statement from now on. For long queries run often, whose parsing and
 * planning cost more than their execution. The text is the key, so it must carry its values as parameters.
 * Named statements live in the database session: they need the direct connection, not a transaction pooler
 * (docs/operations.md).
 */
export function prepareOncePerConnection(text: string): void {
  if (!statementNames.has(text)) statementNames.set(text, `mc_statement_${statementNames.size + 1}`);
}

/** Makes the client send the texts given to prepareOncePerConnection as named statements. */
export function nameRegisteredStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? statementNames.get(text) : undefined;
    return name ? query({ name, text, values: rest[0] }, ...rest.slice(1)) : query(text, ...rest);
  }) as pg.PoolClient['query'];
}
