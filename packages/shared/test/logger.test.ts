import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { loggerOptions } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = pino(loggerOptions({ LOG_LEVEL: 'info', isProduction: true, NODE_ENV: 'production' }, 'test'), stream);
  return { log, lines };
}

t.test('errors are logged without the pg client that carries connection settings', async (t) => {
  const { log, lines } = capture();
  const error = Object.assign(new Error('terminating connection'), {
    code: '57P01',
    client: { connectionParameters: { password: 'hunter2', host: 'db' } },
  });
  log.error({ err: error }, 'idle database client failed');
  const entry = JSON.parse(lines[0]!);
  t.equal(entry.err.message, 'terminating connection');
  t.equal(entry.err.code, '57P01');
  t.notOk('client' in entry.err);
  t.notMatch(lines[0], /hunter2/);
});

t.test('secrets and cookies are redacted', async (t) => {
  const { log, lines } = capture();
  log.info({ password: 'p4ss', token: 't0ken', req: { headers: { cookie: 'mentor.sid=abc' } } }, 'request');
  t.notMatch(lines[0], /p4ss|t0ken|mentor\.sid=abc/);
});
