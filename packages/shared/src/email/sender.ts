import type { OutgoingEmail } from './message.js';

export interface SendOptions {
  /** Aborts the request (the job was aborted, or the worker is stopping). */
  signal?: AbortSignal;
}

export interface SentEmail {
  /** Where the email went: a provider id or a file path. */
  id: string;
}

/** Where email goes: Resend in production, a local folder in development. */
export interface EmailSender {
  /** Resolves with where the email went; throws the errors below. */
  send(email: OutgoingEmail, options?: SendOptions): Promise<SentEmail>;
}

/** A failure that may pass (rate limit, 5xx, network, timeout): the job retries. */
export class TransientEmailError extends Error {
  override name = 'TransientEmailError';
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    /** The provider's status; null when no answer came (network, timeout). */
    readonly statusCode: number | null = null,
  ) {
    super(message);
  }

  get rateLimited(): boolean {
    return this.statusCode === 429;
  }
}

/** The provider refused this email for good (4xx other than 429): retrying cannot help. */
export class PermanentEmailError extends Error {
  override name = 'PermanentEmailError';
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
  }
}
