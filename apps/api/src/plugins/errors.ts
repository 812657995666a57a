import { isDatabaseUnavailable } from '@mentorconnect/db/unavailable';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The 400 message for a body, query or params that fail the route's schema (the contract's wording). */
    invalidMessage?: string;
  }
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: unknown;
}

function toIssue(issue: ValidationIssue, part: string | undefined) {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  return { path, message: issue.message ?? 'is invalid', ...(part ? { location: part } : {}) };
}

/** How soon a client may try again when the database cannot be reached (a restart or failover takes seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const CLIENT_ERROR_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Malformed JSON body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Request body is empty',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Invalid Content-Length',
};

/** One error handler: every error body is {message, errors?}; 5xx bodies never explain the internals. */
export default fp(
  async (app) => {
    app.setSchemaErrorFormatter((errors, dataVar) => {
      const error = new Error(`${dataVar} is invalid`) as FastifyError & { issues: unknown[] };
      error.statusCode = 400;
      error.code = 'FST_ERR_VALIDATION';
      error.issues = (errors as ValidationIssue[]).map((issue) => toIssue(issue, dataVar));
      return error;
    });

    app.setErrorHandler(async (error: FastifyError & { issues?: unknown[] }, request: FastifyRequest, reply) => {
      if (error instanceof HttpError) {
        return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.message, error.errors));
      }
      if (error.code === 'FST_ERR_VALIDATION') {
        const message = request.routeOptions.config?.invalidMessage ?? 'Invalid request';
        return reply.code(400).send(errorBody(message, error.issues));
      }
      if (isDataException(error)) {
        return reply.code(400).send(errorBody(request.routeOptions.config?.invalidMessage ?? 'Invalid request'));
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable: answered 503');
        return reply
          .code(503)
          .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
          .send(errorBody('The service is temporarily unavailable, please try again shortly'));
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const message = (error.code && CLIENT_ERROR_CODES[error.code]) ?? error.message;
        return reply.code(status).send(errorBody(message));
      }
      request.log.error({ err: error }, 'request failed');
      return reply.code(Math.max(status, 500)).send(errorBody('Something went wrong, please try again'));
    });

    app.setNotFoundHandler(async (_request: FastifyRequest, reply: FastifyReply) => {
      return reply.code(404).send(errorBody('Not found'));
    });
  },
  { name: 'errors' },
);

/**
 * PostgreSQL's class 22 (data exception): a value the schemas let through but the database refuses, such as
 * a NUL character in a string or the year 0 in a date. The input is at fault, and the statement wrote nothing.
 */
function isDataException(error: { code?: string }): boolean {
  return typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code) && 'severity' in error;
}

function errorBody(message: string, errors?: unknown[]) {
  return errors?.length ? { message, errors } : { message };
}
