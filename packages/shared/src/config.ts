import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

const port = (fallback: number) => Type.Integer({ minimum: 1, maximum: 65535, default: fallback });
const OptionalText = Type.Optional(Type.String({ minLength: 1 }));

/** Every environment variable the two processes read. Defaults are safe for development only. */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Enum(['development', 'test', 'production'], { default: 'development' }),
  PORT: port(5000),
  HOST: Type.String({ default: '0.0.0.0' }),
  WORKER_PORT: port(5001),
  /** The API's Prometheus endpoint listens here, apart from the public port (Fly scrapes it privately). */
  METRICS_PORT: port(9091),
  /** A request not answered by then gets 503 (Fastify's handlerTimeout: routing, body, handler, reply). */
  HTTP_HANDLER_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.String({ minLength: 1, default: 'postgres://postgres@127.0.0.1:5432/mentorconnect' }),
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  SESSION_SECRET: Type.String({ minLength: 1, default: 'development-only-session-secret-change-me' }),
  ALLOWED_ORIGINS: Type.String({
    default: 'http://localhost:4000,http://localhost:5000,http://localhost:5173',
  }),
  /** Unset in development: the API's own http://localhost:PORT, where `npm run dev` answers the links. */
  APP_URL: OptionalText,
  COOKIE_SAMESITE: Type.Enum(['lax', 'strict', 'none'], { default: 'lax' }),
  COOKIE_DOMAIN: OptionalText,
  RESEND_API_KEY: OptionalText,
  RESEND_BASE_URL: OptionalText,
  /** A Resend request not answered by then is abandoned and retried (a hanging provider costs this much). */
  RESEND_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 60_000, default: 10_000 }),
  /** Resend requests per second for the whole cluster (Resend's team limit, 2 by default). */
  RESEND_MAX_PER_SECOND: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 2 }),
  /** Emails sent in one Resend batch request when a burst allows (1: no batches; Resend takes at most 100). */
  RESEND_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  EMAIL_FROM: Type.String({ minLength: 3, default: 'MentorConnect <no-reply@localhost>' }),
  EMAIL_OUTBOX_DIR: Type.String({ default: '.data/outbox' }),
  CALCOM_WEBHOOK_SECRET: Type.String({ minLength: 1, default: 'development-calcom-webhook-secret' }),
  SHUTDOWN_DRAIN_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_000 }),
  JOB_POLLING_INTERVAL_SECONDS: Type.Number({ minimum: 0.5, default: 0.5 }),
  S3_BUCKET: OptionalText,
  S3_REGION: Type.String({ default: 'auto' }),
  S3_ENDPOINT: OptionalText,
  S3_ACCESS_KEY_ID: OptionalText,
  S3_SECRET_ACCESS_KEY: OptionalText,
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: false }),
  /** An S3 connection or request idle for this long fails instead of hanging the upload or the job. */
  S3_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 300_000, default: 30_000 }),
  PUBLIC_FILES_BASE_URL: OptionalText,
  UPLOADS_DIR: Type.String({ default: '.data/uploads' }),
  /** Uploads one account may make per hour (then 429 with Retry-After). */
  UPLOADS_PER_HOUR_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 30 }),
  /** Uploads one client address may make per hour, whatever the account. */
  UPLOADS_PER_HOUR_PER_ADDRESS: Type.Integer({ minimum: 1, default: 100 }),
  /** Storage one account's uploads may take, in MB (unused uploads are deleted a day after they were made). */
  UPLOAD_QUOTA_MB: Type.Number({ exclusiveMinimum: 0, default: 50 }),
  ASSETS_DIR: Type.String({ default: 'attached_assets' }),
  WEB_DIST_DIR: OptionalText,
  BACKUP_PREFIX: Type.String({ default: 'backups/' }),
  BACKUP_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 30 }),
});

type Env = Static<typeof EnvSchema>;

export type Config = Omit<Env, 'ALLOWED_ORIGINS' | 'SESSION_SECRET' | 'APP_URL'> & {
  /** Where every link in an email points; it must route /api to the API. */
  APP_URL: string;
  isProduction: boolean;
  allowedOrigins: string[];
  /** The first secret signs new cookies; all of them verify (rotation). */
  sessionSecrets: string[];
};

/** Variables production refuses to start without: secrets and the shared state that must not be local. */
const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'SESSION_SECRET',
  'APP_URL',
  'ALLOWED_ORIGINS',
  'RESEND_API_KEY',
  'EMAIL_FROM',
  'CALCOM_WEBHOOK_SECRET',
  'S3_BUCKET',
] as const;

const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key]?.trim();
    if (value) cleaned[key] = value;
  }
  return cleaned;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function productionProblems(raw: Record<string, string>, env: Env): string[] {
  const problems = REQUIRED_IN_PRODUCTION.filter((key) => raw[key] === undefined).map(
    (key) => `${key} is required in production`,
  );
  if (raw.SESSION_SECRET !== undefined && splitList(env.SESSION_SECRET).some((s) => s.length < MIN_SECRET_LENGTH)) {
    problems.push(`SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters (each, when a list)`);
  }
  if (raw.CALCOM_WEBHOOK_SECRET !== undefined && env.CALCOM_WEBHOOK_SECRET.length < 16) {
    problems.push('CALCOM_WEBHOOK_SECRET must be at least 16 characters');
  }
  if (env.APP_URL !== undefined && !env.APP_URL.startsWith('https://')) {
    problems.push('APP_URL must be an https:// URL in production');
  }
  if (env.COOKIE_SAMESITE === 'none' && raw.ALLOWED_ORIGINS === undefined) {
    problems.push('COOKIE_SAMESITE=none needs ALLOWED_ORIGINS');
  }
  return problems;
}

/** Reads, converts and validates the environment once; throws a ConfigError naming every problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = blankToUndefined(source);
  if (raw.COOKIE_SAMESITE) raw.COOKIE_SAMESITE = raw.COOKIE_SAMESITE.toLowerCase();
  const withDefaults = Value.Default(EnvSchema, Value.Convert(EnvSchema, { ...raw }));
  const problems = [...Value.Errors(EnvSchema, withDefaults)].map(
    (error) => `${error.instancePath.replace(/^\//, '') || 'environment'} ${error.message}`,
  );
  if (problems.length > 0) throw new ConfigError(problems);
  const env = withDefaults as Env;
  if (env.NODE_ENV === 'production') {
    const missing = productionProblems(raw, env);
    if (missing.length > 0) throw new ConfigError(missing);
  }
  const { ALLOWED_ORIGINS, SESSION_SECRET, ...rest } = env;
  return {
    ...rest,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    isProduction: env.NODE_ENV === 'production',
    allowedOrigins: splitList(ALLOWED_ORIGINS).map((origin) => origin.replace(/\/$/, '')),
    sessionSecrets: splitList(SESSION_SECRET),
  };
}

/** For process entry points: a bad configuration prints one message and exits 1. */
export function loadConfigOrExit(source: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
