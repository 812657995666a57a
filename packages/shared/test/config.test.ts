import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('development has a default for everything', async (t) => {
  const config = loadConfig({});
  t.equal(config.PORT, 5000);
  t.equal(config.HOST, '0.0.0.0');
  t.equal(config.COOKIE_SAMESITE, 'lax');
  t.same(config.allowedOrigins, ['http://localhost:4000', 'http://localhost:5000', 'http://localhost:5173']);
  t.equal(config.isProduction, false);
  t.equal(config.APP_URL, 'http://localhost:5000', 'email links resolve where `npm run dev` serves the API');
  t.equal(loadConfig({ PORT: '6100' }).APP_URL, 'http://localhost:6100', 'on whatever port it listens');
  t.equal(loadConfig({ APP_URL: 'https://app.example.com' }).APP_URL, 'https://app.example.com');
});

t.test('values are converted and validated', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    S3_FORCE_PATH_STYLE: 'true',
    SESSION_SECRET: 'new-secret, old-secret',
    COOKIE_SAMESITE: 'None',
  });
  t.equal(config.PORT, 8080);
  t.equal(config.S3_FORCE_PATH_STYLE, true);
  t.same(config.sessionSecrets, ['new-secret', 'old-secret'], 'a list of secrets for rotation');
  t.equal(config.COOKIE_SAMESITE, 'none');
  t.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), ConfigError);
});

t.test('production names every missing or weak variable at once', async (t) => {
  const error = t.throws(() => loadConfig({ NODE_ENV: 'production' })) as ConfigError;
  t.ok(error instanceof ConfigError);
  for (const name of [
    'DATABASE_URL',
    'SESSION_SECRET',
    'APP_URL',
    'RESEND_API_KEY',
    'CALCOM_WEBHOOK_SECRET',
    'S3_BUCKET',
  ]) {
    t.ok(
      error.problems.some((problem) => problem.startsWith(name)),
      `${name} reported`,
    );
  }
  const weak = t.throws(() =>
    loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/app',
      SESSION_SECRET: 'short',
      APP_URL: 'https://app.example.com',
      ALLOWED_ORIGINS: 'https://app.example.com',
      RESEND_API_KEY: 're_x',
      EMAIL_FROM: 'MentorConnect <hi@example.com>',
      CALCOM_WEBHOOK_SECRET: 'a-long-enough-secret',
      S3_BUCKET: 'files',
    }),
  ) as ConfigError;
  t.same(weak.problems, ['SESSION_SECRET must be at least 32 characters (each, when a list)']);
});
