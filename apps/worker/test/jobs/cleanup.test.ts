import { Readable } from 'node:stream';
import { sql } from 'kysely';
import t from 'tap';
import { startTestWorker, waitFor } from '../helpers/worker.js';

t.test(
  'cleanup removes expired sessions, spent tokens, ended windows, old handled webhook events, orphan uploads',
  async (t) => {
    const { worker, db } = await startTestWorker(t);
    const user = await db
      .insertInto('users')
      .values({ email: 'cleanup@example.test', password: 'x', user_type: 'mentee' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const daysAgo = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;
    const inDays = (days: number) => sql<Date>`now() + make_interval(days => ${days})`;
    await db
      .insertInto('sessions')
      .values([
        { sid: 'expired', user_id: user.id, data: '{}', expires_at: daysAgo(1), absolute_expires_at: inDays(1) },
        { sid: 'live', user_id: user.id, data: '{}', expires_at: inDays(1), absolute_expires_at: inDays(2) },
      ])
      .execute();
    await db
      .insertInto('one_time_tokens')
      .values([
        {
          token_hash: 'used',
          purpose: 'password_reset',
          user_id: user.id,
          expires_at: inDays(1),
          used_at: daysAgo(2),
          created_at: daysAgo(2),
        },
        { token_hash: 'fresh', purpose: 'password_reset', user_id: user.id, expires_at: inDays(1) },
      ])
      .execute();
    await db
      .insertInto('rate_limits')
      .values([
        { key: 'old', window_started_at: daysAgo(2), hits: 3 },
        { key: 'current', window_started_at: sql<Date>`now()`, hits: 1 },
      ])
      .execute();
    const event = (key: string, status: 'processed' | 'unmatched', age: number) => ({
      dedupe_key: key,
      trigger_event: 'BOOKING_CREATED',
      payload: '{}',
      status,
      received_at: daysAgo(age),
    });
    await db
      .insertInto('webhook_events')
      .values([
        event('old-processed', 'processed', 120),
        event('old-unmatched', 'unmatched', 120),
        event('recent', 'processed', 3),
      ])
      .execute();

    const { storage } = worker.context;
    for (const key of ['orphan-old.png', 'orphan-new.png']) {
      await storage.put(key, Readable.from([Buffer.from('png')]), { contentType: 'image/png' });
    }
    await db
      .insertInto('uploads')
      .values([
        { key: 'orphan-old.png', content_type: 'image/png', size_bytes: 3, created_at: daysAgo(2) },
        { key: 'orphan-new.png', content_type: 'image/png', size_bytes: 3 },
      ])
      .execute();

    await worker.context.boss.send('cleanup', {});
    await waitFor(
      async () => (await db.selectFrom('sessions').select('sid').execute()).length === 1,
      15_000,
      'cleanup',
    );
    await waitFor(async () => (await worker.context.boss.findJobs('cleanup', { queued: true })).length === 0);
    await waitFor(async () =>
      (await worker.context.boss.findJobs('cleanup')).every((job) => job.state === 'completed'),
    );

    t.same(
      (await db.selectFrom('sessions').select('sid').execute()).map((row) => row.sid),
      ['live'],
    );
    t.same(
      (await db.selectFrom('one_time_tokens').select('token_hash').execute()).map((row) => row.token_hash),
      ['fresh'],
    );
    t.same(
      (await db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key),
      ['current'],
    );
    t.same(
      (await db.selectFrom('webhook_events').select('dedupe_key').orderBy('dedupe_key').execute()).map(
        (row) => row.dedupe_key,
      ),
      ['old-unmatched', 'recent'],
    );
    t.same(
      (await db.selectFrom('uploads').select('key').execute()).map((row) => row.key),
      ['orphan-new.png'],
    );
    t.equal(await storage.exists('orphan-old.png'), false, 'the abandoned file is deleted');
    t.equal(await storage.exists('orphan-new.png'), true, 'a recent upload is kept (its form may still be sent)');
    await storage.delete('orphan-new.png');
  },
);
