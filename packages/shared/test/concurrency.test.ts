import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { createLimiter } from '../src/concurrency.js';

t.test('never runs more than its slots at once, and runs every task', async (t) => {
  const limit = createLimiter(2);
  let running = 0;
  let most = 0;
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, index) =>
      limit(async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(5);
        running -= 1;
        return index;
      }),
    ),
  );
  t.equal(most, 2);
  t.same(results, [...Array(10).keys()]);
});

t.test('a failing task frees its slot', async (t) => {
  const limit = createLimiter(1);
  await t.rejects(limit(async () => Promise.reject(new Error('boom'))));
  t.equal(await limit(async () => 'next'), 'next');
});
