import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { startApp } from '../helpers/app.js';

const INDEX = '<!doctype html><div id="root"></div>';

t.test('WEB_DIST_DIR serves the built frontend with an index.html fallback outside /api and /uploads', async (t) => {
  const dist = await mkdtemp(path.join(os.tmpdir(), 'mc-web-'));
  t.teardown(() => rm(dist, { recursive: true, force: true }));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), INDEX);
  await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(path.join(dist, 'favicon.ico'), 'icon');
  await writeFile(path.join(dist, '.env'), 'SECRET=1');
  const { app } = await startApp(t, { WEB_DIST_DIR: dist });
  const get = (url: string) => app.inject({ method: 'GET', url });

  for (const url of ['/', '/mentors/123', '/mentor-portal/dashboard?tab=notes', '/.env', '/assets/missing.js']) {
    const page = await get(url);
    t.equal(page.statusCode, 200, url);
    t.match(page.headers['content-type'], /text\/html/, url);
    t.equal(page.body, INDEX, url);
    t.equal(page.headers['cache-control'], 'no-cache', url);
  }
  const bundle = await get('/assets/index-abc123.js');
  t.equal(bundle.body, 'console.log(1)');
  t.match(bundle.headers['content-type'], /javascript/);
  t.equal(bundle.headers['cache-control'], 'public, max-age=31536000, immutable');
  t.equal((await get('/favicon.ico')).body, 'icon');

  for (const url of ['/api/nope', '/api', '/uploads/missing.png', '/uploads/..%2f..%2fetc%2fpasswd']) {
    const response = await get(url);
    t.equal(response.statusCode, 404, url);
    t.same(response.json(), { message: url.startsWith('/uploads') ? 'File not found' : 'Not found' }, url);
  }
  const post = await app.inject({ method: 'POST', url: '/api/nope', payload: {} });
  t.equal(post.statusCode, 404);
  t.equal((await get('/health')).json().status, 'ok', 'API routes still win');
});

t.test('without WEB_DIST_DIR unknown paths are plain 404 JSON', async (t) => {
  const { app } = await startApp(t);
  const response = await app.inject({ method: 'GET', url: '/mentors/123' });
  t.equal(response.statusCode, 404);
  t.same(response.json(), { message: 'Not found' });
});

t.test("the client's pages get the page policy; the API, assets and errors keep the strict one", async (t) => {
  const dist = await mkdtemp(path.join(os.tmpdir(), 'mc-web-'));
  t.teardown(() => rm(dist, { recursive: true, force: true }));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), INDEX);
  await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  const { app } = await startApp(t, { WEB_DIST_DIR: dist, PUBLIC_FILES_BASE_URL: 'https://files.example.test/u/' });
  const policyOf = async (url: string) => (await app.inject({ method: 'GET', url })).headers['content-security-policy'];

  const page = await policyOf('/mentor/123');
  for (const directive of [
    "default-src 'self'",
    "script-src 'self' https://app.cal.com/embed/embed.js",
    "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com https://api.fontshare.com",
    "font-src 'self' data: https://fonts.gstatic.com https://cdn.fontshare.com",
    "img-src 'self' data: https://files.example.test",
    'frame-src https://app.cal.com',
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ]) {
    t.match(page, directive, directive);
  }
  t.notMatch(page, /\*|unsafe-eval|https:(;|\s|$)/, 'no wildcard, no eval, no bare scheme');
  t.equal(await policyOf('/'), page, 'index.html itself');

  const strict = await policyOf('/api/auth/me');
  t.match(strict, "script-src 'self';");
  t.notMatch(strict, /cal\.com|fonts/, 'the API keeps its strict policy');
  t.equal(await policyOf('/api/nope'), strict, 'API 404s too');
  t.equal(await policyOf('/assets/index-abc123.js'), strict, 'scripts are not pages');
});
