import { connectionOptions } from '@mentorconnect/db/database';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { createBoss } from '@mentorconnect/shared/jobs';
import { createWorkerMetrics, renderMetrics } from '@mentorconnect/shared/metrics';
import t from 'tap';

t.test('the worker registry counts job outcomes and reports queue depth', async (t) => {
  const database = await createTestDatabase();
  const boss = createBoss({ ...connectionOptions(database.url), max: 1, role: 'api' });
  boss.on('error', () => {});
  await boss.start();
  t.teardown(async () => {
    await boss.stop({ graceful: false, close: true });
    await database.drop();
  });

  const metrics = createWorkerMetrics(boss);
  metrics.recordJob('send-email', 'completed', 0.2);
  metrics.recordJob('send-email', 'completed', 0.3);
  metrics.recordJob('send-email', 'dead', 0.1);
  const { contentType, body } = await renderMetrics(metrics.registry);
  t.match(contentType, /text\/plain/);
  t.match(body, /mentorconnect_jobs_total\{queue="send-email",outcome="completed",process="worker"\} 2/);
  t.match(body, /mentorconnect_jobs_total\{queue="send-email",outcome="dead",process="worker"\} 1/);
  t.match(body, /mentorconnect_job_duration_seconds_count\{[^}]*queue="send-email"[^}]*\} 3/);
  t.match(body, /mentorconnect_queue_jobs\{queue="calcom-event",state="ready",process="worker"\} \d+/);
  t.match(body, /nodejs_eventloop_lag_seconds\{process="worker"\}/);
});
