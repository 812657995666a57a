// Enqueues email jobs the way the API does (pg-boss inside a Kysely transaction, through the job contract), for
// measuring and fault-testing the worker without going through an HTTP route.
import { connectionOptions, createDb, createPool } from '@mentorconnect/db/database';
import { createBoss, createJobSender } from '@mentorconnect/shared/jobs';

export async function emailEnqueuer(databaseUrl) {
  const db = createDb(
    createPool({ connectionString: databaseUrl, max: 2, applicationName: 'mentorconnect-bench' }, () => {}),
  );
  const boss = createBoss({ ...connectionOptions(databaseUrl), max: 2, role: 'api' });
  boss.on('error', () => {});
  await boss.start();
  const jobs = createJobSender(boss);
  return {
    db,
    /**
     * Enqueues one email per key in one transaction (a password reset to `<key>@bench.example`, unless `emailFor`
     * says otherwise); resolves once it is committed.
     */
    async enqueue(keys, emailFor = passwordReset) {
      await db.transaction().execute(async (trx) => {
        for (const key of keys) await jobs.enqueue(trx, 'send-email', emailFor(key), { key });
      });
      return performance.now();
    },
    async close() {
      await boss.stop({ graceful: false, close: true });
      await db.destroy();
    },
  };
}

function passwordReset(key) {
  return {
    template: 'password_reset',
    to: `${key}@bench.example`,
    locale: 'en',
    idempotencyKey: `bench:${key}`,
    data: { resetUrl: `https://app.bench.example/reset-password?token=${key}`, expiresInMinutes: 60 },
  };
}
