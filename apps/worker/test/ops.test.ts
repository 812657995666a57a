import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connectionOptions, createDb, createPool } from '@mentorconnect/db/database';
import { insertWebhookEvent } from '@mentorconnect/db/queries/webhook-events';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { createBoss } from '@mentorconnect/shared/jobs';
import t from 'tap';

const OPS_ENTRY = fileURLToPath(new URL('../src/ops.js', import.meta.url));
const run = promisify(execFile);

t.test('--help and usage errors need no database', async (t) => {
  const offline = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere' };
  const { stdout } = await run(process.execPath, [OPS_ENTRY, '--help'], { env: offline });
  t.match(stdout, /redrive <queue>/);
  await t.rejects(run(process.execPath, [OPS_ENTRY, 'redrive'], { env: offline }), /usage: npm run ops/);
});

t.test('npm run ops', async (t) => {
  const database = await createTestDatabase();
  const db = createDb(createPool({ connectionString: database.url, max: 2 }, () => {}));
  const boss = createBoss({ ...connectionOptions(database.url), max: 2, role: 'api' });
  boss.on('error', () => {});
  await boss.start();
  t.teardown(async () => {
    await boss.stop({ graceful: false });
    await db.destroy();
    await database.drop();
  });
  const ops = (...args: string[]) =>
    run(process.execPath, [OPS_ENTRY, ...args], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    });

  // A send-email job that failed for good, so it sits in the dead-letter queue.
  const id = await boss.send('send-email', { template: 'password_reset', to: 'x@example.test' }, { retryLimit: 0 });
  const [job] = await boss.fetch('send-email');
  t.equal(job?.id, id);
  await boss.fail('send-email', id!, { error: 'refused' });

  t.test('queues shows counts per queue and state, and the dead letters', async (t) => {
    const { stdout } = await ops('queues');
    t.match(stdout, /send-email-dead/);
    t.match(stdout, /calcom-event-dead/);
    t.match(stdout, /dead letters waiting: 1/);
  });

  t.test('redrive moves dead letters back to their queue', async (t) => {
    const { stdout } = await ops('redrive', 'send-email');
    t.match(stdout, /moved 1 job\(s\) from send-email-dead/);
    const queued = await boss.findJobs('send-email', { queued: true });
    t.equal(queued.length, 1);
    await t.rejects(ops('redrive', 'cleanup'), /has no dead-letter queue/);
  });

  t.test('webhook <id> shows the event and enqueues it again', async (t) => {
    const event = await insertWebhookEvent(db, {
      source: 'calcom',
      dedupeKey: 'ops-test',
      triggerEvent: 'BOOKING_CREATED',
      payload: { triggerEvent: 'BOOKING_CREATED', payload: { uid: 'ops-uid' } },
    });
    await db
      .updateTable('webhook_events')
      .set({ status: 'unmatched', outcome: 'no mentor' })
      .where('id', '=', event!.id)
      .execute();
    const { stdout } = await ops('webhook', event!.id);
    t.match(stdout, /"outcome": "no mentor"/);
    t.match(stdout, /set back to received and enqueued/);
    const stored = await db
      .selectFrom('webhook_events')
      .selectAll()
      .where('id', '=', event!.id)
      .executeTakeFirstOrThrow();
    t.equal(stored.status, 'received');
    t.equal((await boss.findJobs('calcom-event', { data: { eventId: event!.id } })).length, 1);
    await t.rejects(ops('webhook', 'no-such-id'), /no webhook event no-such-id/);
  });

  t.test('an unknown command prints the usage', async (t) => {
    await t.rejects(ops('frobnicate'), /usage: npm run ops/);
  });
});
