/**
 * Group commit: items submitted while earlier batches are being written wait and are written together, so a
 * burst costs a few transactions instead of one per item. With nothing in flight an item is written at once.
 * `write` settles each item, in order (`Promise.allSettled`'s shape), so one item can fail alone; each caller
 * gets its own outcome, or the batch's error when `write` itself fails.
 */
export function createBatcher<Item, Result>(
  write: (items: Item[]) => Promise<PromiseSettledResult<Result>[]>,
  { maxInFlight = 2, maxBatch = 100 } = {},
): (item: Item) => Promise<Result> {
  type Pending = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };
  const queue: Pending[] = [];
  let inFlight = 0;

  const next = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight += 1;
      write(batch.map(({ item }) => item))
        .then(
          (outcomes) => {
            for (const [i, { resolve, reject }] of batch.entries()) {
              const outcome = outcomes[i];
              if (outcome?.status === 'fulfilled') resolve(outcome.value);
              else reject(outcome?.reason ?? new Error('the batch write settled no outcome for this item'));
            }
          },
          (error: unknown) => {
            for (const { reject } of batch) reject(error);
          },
        )
        .finally(() => {
          inFlight -= 1;
          next();
        });
    }
  };

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      next();
    });
}
