import type { OutgoingEmail } from './message.js';

/** Where email goes: Resend in production, a local folder in development. */
export interface EmailSender {
  /** Resolves with where the email went (a provider id or a file path); throws the errors below. */
  send(email: OutgoingEmail): Promise<{ id: string }>;
}

/** A failure that may pass (rate limit, 5xx, network): the job retries. */
export class TransientEmailError extends Error {
  override name = 'TransientEmailError';
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, retryAfterSeconds?: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The provider refused this email for good (4xx other than 429): retrying cannot help. */
export class PermanentEmailError extends Error {
  override name = 'PermanentEmailError';
  readonly statusCode: number | null;

  constructor(message: string, statusCode: number | null) {
    super(message);
    this.statusCode = statusCode;
  }
}
