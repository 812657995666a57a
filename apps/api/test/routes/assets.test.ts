import path from 'node:path';
import t from 'tap';
import { startApp } from '../helpers/app.js';

t.test('the demo photos the seed points at are served with caching headers', async (t) => {
  const { app } = await startApp(t, { ASSETS_DIR: path.resolve('attached_assets') });
  for (let n = 1; n <= 7; n++) {
    const response = await app.inject({ method: 'GET', url: `/attached_assets/image_175400000000${n}.png` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers['content-type'], 'image/png');
    t.ok(response.rawPayload.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')), 'a PNG');
    t.ok(response.headers.etag);
    t.ok(response.headers['last-modified']);
    t.match(response.headers['cache-control'], /max-age=86400/);
    t.equal(response.headers['x-content-type-options'], 'nosniff');
  }
  const etag = (await app.inject({ method: 'GET', url: '/attached_assets/image_1754000000001.png' })).headers.etag;
  const again = await app.inject({
    method: 'GET',
    url: '/attached_assets/image_1754000000001.png',
    headers: { 'if-none-match': String(etag) },
  });
  t.equal(again.statusCode, 304);

  for (const url of [
    '/attached_assets/missing.png',
    '/attached_assets/..%2fpackage.json',
    '/attached_assets/../package.json',
  ]) {
    const response = await app.inject({ method: 'GET', url });
    t.equal(response.statusCode, 404, url);
  }
});
