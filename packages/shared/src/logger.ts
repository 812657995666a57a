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

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  params?: unknown;
  routeOptions?: { url?: string | undefined };
}

/** A path segment or parameter that carries an address (an inbox, a profile looked up by email). */
const carriesAddress = (value: string) => /@|%40/i.test(value);
const REDACTED = '[redacted]';

/** A text from elsewhere (a provider's error message) with every address in it replaced. */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()[\]"'`,;:]+@[^\s<>()[\]"'`,;:]+/g, REDACTED);
}

/**
 * Where a request went, safe to keep: the route pattern (`/api/notifications/:email`), else the path with
 * address-bearing segments replaced; never the query string, which carries one-time tokens.
 */
export function loggedPath(request: LoggedRequest): string {
  if (request.routeOptions?.url) return request.routeOptions.url;
  const path = (request.url ?? '').split('?', 1)[0] ?? '';
  return path
    .split('/')
    .map((segment) => (carriesAddress(segment) ? REDACTED : segment))
    .join('/');
}

/** The route's parameters (the ids that make a line useful), addresses replaced. */
function loggedParams(params: unknown): Record<string, string> | undefined {
  if (typeof params !== 'object' || params === null || Object.keys(params).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, carriesAddress(String(value)) ? REDACTED : String(value)]),
  );
}

/** Request log lines: method, route pattern, ids, host and client address. Never the raw URL. */
export function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: loggedPath(request),
    params: loggedParams(request.params),
    host: request.host,
    remoteAddress: request.ip,
  };
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
    serializers: { err: serializeError, req: serializeRequest },
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
