import { createHash } from 'node:crypto';
import { countHit } from '@mentorconnect/db/queries/rate-limits';
import fp from 'fastify-plugin';
import { tooManyRequests } from '../http-errors.js';

export interface Limit {
  /** What is counted, e.g. `login:ip:1.2.3.4`. Personal data is hashed by the caller when needed. */
  key: string;
  max: number;
  windowSeconds: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a hit against each limit; throws 429 with Retry-After when any is exceeded. */
    enforceLimits(limits: Limit[]): Promise<void>;
  }
}

/**
 * Keys are a btree primary key, whose rows PostgreSQL caps at about 2.7 kB; a key holds client input (the IP
 * comes from X-Forwarded-For), so a long one is stored as its digest rather than failing the request.
 */
const MAX_KEY_LENGTH = 200;

function storedKey(key: string): string {
  return key.length <= MAX_KEY_LENGTH ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export default fp(
  async (app) => {
    app.decorate('enforceLimits', async (limits: Limit[]) => {
      const results = await Promise.all(
        limits.map(async (limit) => ({
          limit,
          result: await countHit(app.db, storedKey(limit.key), limit.windowSeconds),
        })),
      );
      const exceeded = results.filter(({ limit, result }) => result.hits > limit.max);
      if (exceeded.length > 0) throw tooManyRequests(Math.max(...exceeded.map(({ result }) => result.resetInSeconds)));
    });
  },
  { name: 'rate-limit', dependencies: ['infrastructure'] },
);
