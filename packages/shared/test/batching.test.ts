import t from 'tap';
import { createBatcher } from '../src/batching.js';

/** A write that records each batch and waits until released, so the test decides when batches finish. */
function controlledWrite() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map((item) => ({ status: 'fulfilled' as const, value: item * 10 }));
  };
  const releaseAll = () => {
    for (const release of releases.splice(0)) release();
  };
  return { batches, write, releaseAll };
}

t.test('items that arrive while batches are in flight are written together, each gets its own result', async (t) => {
  const { batches, write, releaseAll } = controlledWrite();
  const submit = createBatcher(write, { maxInFlight: 2 });
  const results = [1, 2, 3, 4, 5].map((item) => submit(item));
  t.same(batches, [[1], [2]], 'the first two are written at once, the others wait');
  releaseAll();
  await Promise.all(results.slice(0, 2));
  await new Promise((resolve) => setImmediate(resolve));
  t.same(batches, [[1], [2], [3, 4, 5]], 'the waiting three go in one batch');
  releaseAll();
  t.same(await Promise.all(results), [10, 20, 30, 40, 50]);
});

t.test('a failed batch rejects its own items only, and later items are still written', async (t) => {
  let calls = 0;
  const submit = createBatcher(
    async (items: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return items.map((item) => ({ status: 'fulfilled' as const, value: item.toUpperCase() }));
    },
    { maxInFlight: 1 },
  );
  const first = submit('a');
  const second = submit('b');
  await t.rejects(first, /database down/);
  t.equal(await second, 'B');
});

t.test('an item that the write settles as rejected fails alone', async (t) => {
  const submit = createBatcher(
    async (items: number[]) =>
      Promise.allSettled(items.map(async (item) => (item < 0 ? Promise.reject(new Error(`bad ${item}`)) : item))),
    { maxInFlight: 1 },
  );
  const outcomes = await Promise.allSettled([submit(1), submit(-2), submit(3)]);
  t.same(
    outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason.message)),
    [1, 'bad -2', 3],
  );
});

t.test('a batch holds at most maxBatch items', async (t) => {
  const { batches, write, releaseAll } = controlledWrite();
  const submit = createBatcher(write, { maxInFlight: 1, maxBatch: 2 });
  const results = [1, 2, 3, 4, 5].map((item) => submit(item));
  for (let round = 0; round < 3; round += 1) {
    releaseAll();
    await new Promise((resolve) => setImmediate(resolve));
  }
  t.same(batches, [[1], [2, 3], [4, 5]]);
  releaseAll();
  t.same(await Promise.all(results), [10, 20, 30, 40, 50]);
});
