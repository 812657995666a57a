import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, createPool } from '@mentorconnect/db/database';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { type Browser, chromium, type Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/free-port.js';
import { onboardingMentor, registrationMentee } from '../helpers/people.js';

/**
 * The served client in a real browser (Debian's Chromium): a small page of our own that makes the real client's
 * requests, served by the built API from WEB_DIST_DIR with the worker beside it, and emails read from the
 * worker's outbox. Visitors join without an account, an unverified mentee's request is released by its email,
 * and the page policy lets the Cal.com embed and the fonts in while blocking everything else.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const API_ROOT = path.resolve(import.meta.dirname, '../../..');
const REPO_ROOT = path.resolve(API_ROOT, '../..');
const CLIENT = path.join(API_ROOT, 'test/browser/client');

t.setTimeout(5 * 60_000);

function startProcess(t: Test, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  t.teardown(async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  });
  return child;
}

/** The action link of the newest email of this template in the outbox (the worker writes one .html each). */
async function emailedLink(outbox: string, template: string, to: string): Promise<string> {
  return eventually(`${template} email to ${to}`, async () => {
    for (const file of (await readdir(outbox)).filter((name) => name.startsWith(`${template}-`))) {
      const eml = await readFile(path.join(outbox, file.replace(/\.html$/, '.eml')), 'utf8').catch(() => '');
      if (!file.endsWith('.html') || !eml.includes(`To: ${to}`)) continue;
      const html = await readFile(path.join(outbox, file), 'utf8');
      const href = /<a href="([^"]+)"/.exec(html)?.[1];
      if (href) return href.replaceAll('&amp;', '&');
    }
    return undefined;
  });
}

t.test(
  'the served client in Chromium',
  { skip: existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM}` },
  async (t) => {
    const database = await createTestDatabase();
    const db = createDb(createPool({ connectionString: database.url, max: 2 }, () => {}));
    const scratch = await mkdtemp(path.join(tmpdir(), 'mc-browser-'));
    t.teardown(async () => {
      await db.destroy();
      await database.drop();
      await rm(scratch, { recursive: true, force: true });
    });
    const outbox = path.join(scratch, 'outbox');
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      WORKER_PORT: String(await freePort()),
      APP_URL: origin,
      ALLOWED_ORIGINS: origin,
      WEB_DIST_DIR: CLIENT,
      EMAIL_OUTBOX_DIR: outbox,
      UPLOADS_DIR: path.join(scratch, 'uploads'),
      JOB_POLLING_INTERVAL_SECONDS: '0.5',
    };
    startProcess(t, 'apps/api/dist/src/server.js', env);
    startProcess(t, 'apps/worker/dist/src/worker.js', env);
    await eventually('the API', async () => ((await fetch(`${origin}/health`)).ok ? true : undefined));

    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    t.teardown(() => browser.close());
    const openClient = async (route = '/'): Promise<Page> => {
      const page = await browser.newPage();
      await page.goto(`${origin}${route}`);
      await page.waitForFunction(() => 'mc' in window);
      return page;
    };

    let mentorId = '';

    await t.test(
      'a visitor joins as mentor without an account and is listed once the emailed link is used',
      async (t) => {
        const page = await openClient('/mentor-onboarding');
        const email = 'browser.mentor@example.com';
        const joined = await page.evaluate(
          (profile) => window.mc.joinAsMentor(profile),
          onboardingMentor({ email, name: 'Bea Browser' }),
        );
        t.equal(joined.status, 201);
        mentorId = joined.body.id;
        const listed = async () =>
          (await page.evaluate(() => window.mc.mentors())).body.map((m: { id: string }) => m.id);
        t.notOk((await listed()).includes(mentorId), 'held: not listed');

        await page.goto(await emailedLink(outbox, 'profile_confirmation', email));
        t.equal(await page.locator('h1').textContent(), 'Your profile is confirmed');
        await page.goto(`${origin}/`);
        await page.waitForFunction(() => 'mc' in window);
        t.ok((await listed()).includes(mentorId), 'listed');
        const photo = await db.selectFrom('mentors').select('photo_url').where('id', '=', mentorId).executeTakeFirst();
        t.match(photo?.photo_url, /^\/uploads\/[\w-]+\.png$/, 'with the photo uploaded without an account');
      },
    );

    await t.test('a visitor joins as mentee without an account and confirms by the emailed link', async (t) => {
      const page = await openClient('/mentee-registration');
      const email = 'browser.mentee@example.com';
      const joined = await page.evaluate((profile) => window.mc.joinAsMentee(profile), registrationMentee({ email }));
      t.equal(joined.status, 201);
      await page.goto(await emailedLink(outbox, 'profile_confirmation', email));
      t.equal(await page.locator('h1').textContent(), 'Your profile is confirmed');
      const mentee = await db.selectFrom('mentees').selectAll().where('id', '=', joined.body.id).executeTakeFirst();
      t.ok(mentee?.email_verified_at, 'proven');
    });

    await t.test("an unverified mentee's request is held, and the emailed link releases it", async (t) => {
      const page = await openClient('/signup');
      const email = 'browser.unverified@example.com';
      const signup = await page.evaluate((account) => window.mc.signup(account), {
        email,
        password: 'Browser-pass-123',
        user_type: 'mentee',
      });
      t.equal(signup.status, 201);
      const requested = await page.evaluate((request) => window.mc.requestSession(request), {
        mentor_id: mentorId,
        goal: 'Learn to lead a small team well.',
      });
      t.equal(requested.status, 201);
      t.equal(requested.body.awaiting_email_confirmation, true, 'held');

      await page.goto(await emailedLink(outbox, 'booking_request_held', email));
      t.equal(await page.locator('h1').textContent(), 'Your email address is confirmed');
      const booking = await db
        .selectFrom('bookings')
        .selectAll()
        .where('id', '=', requested.body.id)
        .executeTakeFirst();
      t.equal(booking?.awaiting_email_confirmation, false, 'released to the mentor');
    });

    await t.test('the page policy lets in the Cal.com embed, its frame and the fonts, and nothing else', async (t) => {
      const page = await browser.newPage();
      const reached: string[] = [];
      await page.route(/^https:\/\//, async (route) => {
        const url = route.request().url();
        reached.push(url);
        if (url === 'https://app.cal.com/embed/embed.js') {
          // A stub of the embed: what matters is the policy, which the browser applies before any request.
          const stub = `window.Cal = (_action, { calLink }) => {
          const frame = document.createElement('iframe');
          frame.src = 'https://app.cal.com/' + calLink + '?embed=true';
          document.body.append(frame);
        };`;
          return route.fulfill({ contentType: 'text/javascript', body: stub });
        }
        if (url.startsWith('https://app.cal.com/'))
          return route.fulfill({ contentType: 'text/html', body: '<p>Cal</p>' });
        return route.fulfill({ contentType: 'text/css', body: 'body{}' });
      });
      const response = await page.goto(`${origin}/mentee-dashboard`);
      t.match(
        response?.headers()['content-security-policy'],
        /script-src 'self' https:\/\/app\.cal\.com\/embed\/embed\.js/,
      );
      await page.waitForFunction(() => 'mc' in window);

      t.equal(await page.evaluate(() => window.mc.openCalEmbed('bea/30min')), 'loaded');
      await eventually('the Cal.com frame', async () =>
        page.frames().some((frame) => frame.url() === 'https://app.cal.com/bea/30min?embed=true') ? true : undefined,
      );
      t.ok(
        reached.some((url) => url.startsWith('https://fonts.googleapis.com/')),
        'Google Fonts stylesheet',
      );
      t.ok(
        reached.some((url) => url.startsWith('https://api.fontshare.com/')),
        'fontshare stylesheet',
      );

      t.equal(await page.evaluate(() => window.mc.loadScript('https://evil.example/x.js')), 'blocked');
      t.equal(
        await page.evaluate(() => window.mc.loadScript('https://app.cal.com/other.js')),
        'blocked',
        'only embed.js',
      );
      await page.evaluate(() => window.mc.frame('https://evil.example/frame'));
      const violations = await eventually('the frame violation', async () => {
        const seen = await page.evaluate(() => window.violations);
        return seen.some((violation) => violation.directive === 'frame-src') ? seen : undefined;
      });
      t.same(violations.map((violation) => [violation.directive, violation.blocked]).sort(), [
        ['frame-src', 'https://evil.example'], // a blocked frame is reported by its origin
        ['script-src-elem', 'https://app.cal.com/other.js'],
        ['script-src-elem', 'https://evil.example/x.js'],
      ]);
      t.notOk(
        reached.some((url) => url.startsWith('https://evil.example')),
        'the browser never asked for them',
      );
    });
  },
);

/** What the test client's requests answer: the status and the parsed JSON body. */
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON, checked by the assertions
type Answer = Promise<{ status: number; body: any }>;

/** The test client's window (test/browser/client/assets/app.js), as the callbacks run in the browser see it. */
declare const window: {
  violations: { directive: string; blocked: string }[];
  mc: {
    joinAsMentee(profile: object): Answer;
    joinAsMentor(profile: object): Answer;
    signup(account: object): Answer;
    requestSession(request: object): Answer;
    mentors(): Answer;
    openCalEmbed(calLink: string): Promise<'loaded' | 'blocked'>;
    loadScript(src: string): Promise<'loaded' | 'blocked'>;
    frame(src: string): void;
  };
};
