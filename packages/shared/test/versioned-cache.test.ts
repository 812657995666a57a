import t from 'tap';
import { VersionedCache } from '../src/versioned-cache.js';

const bytes = (size: number, fill = 'x') => Buffer.alloc(size, fill);
/** The bytes an entry of `bodyBytes` under a one-letter key counts: its body, its key and 200 of overhead. */
const counted = (bodyBytes: number) => bodyBytes + 2 + 200;

t.test('an answer is reused only under the version it was built from', async (t) => {
  const cache = new VersionedCache({ maxBytes: 10_000, maxEntryBytes: 10_000, maxEntries: 10 });
  cache.set('p', 7, bytes(10, 'a'));
  t.same(cache.get('p', 7), bytes(10, 'a'));
  t.equal(cache.get('p', 8), undefined, 'a newer version misses');
  t.equal(cache.get('p', 6), undefined, 'an older version misses');
  t.equal(cache.get('q', 7), undefined, 'another key misses');
  cache.set('p', 8, bytes(10, 'b'));
  t.same(cache.get('p', 8), bytes(10, 'b'), 'rebuilt under the new version');
  t.equal(cache.get('p', 7), undefined, 'the old answer is gone');
  t.equal(cache.size, 1);
});

t.test(
  'bounded by bytes, keys and overhead included: too large never kept, least recently used leaves first',
  async (t) => {
    const cache = new VersionedCache({ maxBytes: counted(40) * 2, maxEntryBytes: counted(60), maxEntries: 10 });
    cache.set('h', 1, bytes(61));
    t.equal(cache.get('h', 1), undefined, 'over the entry limit: not kept');
    cache.set('a', 1, bytes(40));
    cache.set('b', 1, bytes(40));
    t.ok(cache.get('a', 1), 'a is used, so b is now the least recently used');
    cache.set('c', 1, bytes(40));
    t.equal(cache.get('b', 1), undefined, 'b made room');
    t.ok(cache.get('a', 1) && cache.get('c', 1), 'a and c stay');
    cache.set('c', 2, bytes(40));
    t.equal(cache.size, 2, 'a replaced answer counts once');
  },
);

t.test('bounded by entries: empty answers under many keys cannot grow it', async (t) => {
  const cache = new VersionedCache({ maxBytes: 1024 * 1024, maxEntryBytes: 1024, maxEntries: 3 });
  for (let offset = 0; offset < 1000; offset += 1) cache.set(`[20,${offset}]`, 1, bytes(2));
  t.equal(cache.size, 3);
  t.ok(cache.get('[20,999]', 1), 'the newest stay');
  t.equal(cache.get('[20,0]', 1), undefined);
  const longKey = 'k'.repeat(600);
  cache.set(longKey, 1, bytes(2));
  t.equal(cache.get(longKey, 1), undefined, 'a key long enough to pass the entry limit is not kept');
});
