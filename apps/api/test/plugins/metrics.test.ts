import { startMetricsServer } from '@mentorconnect/shared/metrics';
import t from 'tap';
import { Agent, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';

t.test('/metrics shows request, pool and queue series after traffic; labels are route patterns', async (t) => {
  const { app } = await startApp(t);
  const { agent } = await signUp(app, 'metrics@example.com');
  await agent.get('/api/auth/me');
  await agent.post('/api/auth/forgot-password', { email: 'metrics@example.com' });
  await new Agent(app).get('/api/users/metrics@example.com/secret-path');

  const server = await startMetricsServer(app.metrics, '127.0.0.1', 0);
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  t.equal(response.status, 200);
  t.match(response.headers.get('content-type'), /text\/plain/);
  const text = await response.text();

  t.match(text, /http_requests_total\{method="POST",route="\/api\/auth\/signup",status_code="201"[^}]*\} 1/);
  t.match(text, /http_requests_total\{method="GET",route="\/api\/auth\/me",status_code="200"[^}]*\} 1/);
  t.match(text, /http_requests_total\{method="GET",route="unmatched",status_code="404"[^}]*\} 1/);
  t.match(
    text,
    /http_request_duration_seconds_bucket\{le="0\.5",process="api",method="POST",route="\/api\/auth\/forgot-password",status_code="200"\} 1/,
  );
  t.match(text, /db_pool_connections_total\{process="api"\} \d+/);
  t.match(text, /db_pool_requests_waiting\{process="api"\} 0/);
  t.match(text, /mentorconnect_queue_jobs\{queue="send-email",state="queued",process="api"\} \d+/);
  t.match(text, /mentorconnect_queue_jobs\{queue="send-email-dead",state="failed",process="api"\} \d+/);
  t.notOk(text.includes('metrics@example.com'), 'no personal data in labels');
  t.notOk(text.includes('secret-path'), 'no raw URL in labels');

  t.equal((await fetch(`http://127.0.0.1:${port}/other`)).status, 404, 'the metrics port serves nothing else');
  t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404, 'not on the public port');
});
