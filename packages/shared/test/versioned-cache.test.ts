import t from 'tap';
import { VersionedCache } from '../src/versioned-cache.js';

const bytes = (size: number, fill = 'x') => Buffer.alloc(size, fill);

t.test('an answer is reused only under the version it was built from', async (t) => {
  const cache = new VersionedCache({ maxBytes: 1000, maxEntryBytes: 1000 });
  cache.set('page', 7, bytes(10, 'a'));
  t.same(cache.get('page', 7), bytes(10, 'a'));
  t.equal(cache.get('page', 8), undefined, 'a newer version misses');
  t.equal(cache.get('page', 6), undefined, 'an older version misses');
  t.equal(cache.get('other', 7), undefined, 'another key misses');
  cache.set('page', 8, bytes(10, 'b'));
  t.same(cache.get('page', 8), bytes(10, 'b'), 'rebuilt under the new version');
  t.equal(cache.get('page', 7), undefined, 'the old answer is gone');
  t.equal(cache.size, 1);
});

t.test('bounded by bytes: too large never kept, oldest leaves first', async (t) => {
  const cache = new VersionedCache({ maxBytes: 100, maxEntryBytes: 60 });
  cache.set('huge', 1, bytes(61));
  t.equal(cache.get('huge', 1), undefined, 'over the entry limit: not kept');
  cache.set('a', 1, bytes(40));
  cache.set('b', 1, bytes(40));
  cache.set('c', 1, bytes(40));
  t.equal(cache.get('a', 1), undefined, 'the oldest made room');
  t.ok(cache.get('b', 1) && cache.get('c', 1), 'the newer two stay');
  cache.set('c', 2, bytes(60));
  t.equal(cache.size, 2, 'a replaced answer counts once');
  cache.set('d', 1, bytes(20));
  t.equal(cache.get('b', 1), undefined, 'then b made room for d');
  t.ok(cache.get('c', 2) && cache.get('d', 1));
});
