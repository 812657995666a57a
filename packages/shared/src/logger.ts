import { type DestinationStream, destination, type LoggerOptions, stdSerializers } from 'pino';
import type { Config } from './config.js';

/** Paths that may carry secrets or personal data; pino replaces their values before writing. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-cal-signature-256"]',
  'res.headers["set-cookie"]',
  'password',
  'token',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
  // Email job payloads carry links with one-time tokens.
  '*.resetUrl',
  '*.*.resetUrl',
];

/** Errors as usual, without the pg client that `pg` attaches to connection errors (it holds its settings). */
function serializeError(error: Error) {
  const { client: _client, ...serialized } = stdSerializers.err(error) as ReturnType<typeof stdSerializers.err> & {
    client?: unknown;
  };
  return serialized;
}

/** JSON lines in production, readable lines in development. */
export function loggerOptions(
  config: Pick<Config, 'LOG_LEVEL' | 'isProduction' | 'NODE_ENV'>,
  name: string,
): LoggerOptions {
  const pretty = !config.isProduction && config.NODE_ENV !== 'test' && process.stdout.isTTY;
  return {
    name,
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}

/**
 * Standard output written asynchronously: lines logged while a write is in flight go out together in the next
 * one, instead of one blocking write per line. pino flushes what is pending when the process exits. Undefined
 * when the options print through a transport (pino-pretty), which has its own stream.
 */
export function asyncStdout(options: LoggerOptions): DestinationStream | undefined {
  return options.transport ? undefined : destination({ dest: 1, sync: false });
}
