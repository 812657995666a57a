/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly errors: unknown[] | undefined;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, errors?: unknown[], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.errors = errors;
    this.headers = headers;
  }
}

export const badRequest = (message: string, errors?: unknown[]) => new HttpError(400, message, errors);
export const unauthorized = (message = 'Not authenticated') => new HttpError(401, message);
export const forbidden = (message = 'You do not have access to this resource') => new HttpError(403, message);
export const notFound = (message = 'Not found') => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, 'Too many requests, please try again later', undefined, {
    'retry-after': String(retryAfterSeconds),
  });
