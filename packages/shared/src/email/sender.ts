import type { OutgoingEmail } from './message.js';

export interface SendOptions {
  /** Aborts the request (the job was aborted, or the worker is stopping). */
  signal?: AbortSignal;
}

export interface SentEmail {
  /** Where the email went: a provider id or a file path. */
  id: string;
}

export interface BatchOptions extends SendOptions {
  /** The whole request's key: the same key with the same emails sends nothing again. */
  idempotencyKey: string;
}

/** Where email goes: Resend in production, a local folder in development. */
export interface EmailSender {
  /** Resolves with where the email went; throws the errors below. */
  send(email: OutgoingEmail, options?: SendOptions): Promise<SentEmail>;
  /**
   * Sends independent emails in one request (Resend's batch endpoint: at most 100, no attachments, no
   * scheduling), all or none; resolves with one result per email, in order. Absent where there is no batch.
   */
  sendBatch?(emails: OutgoingEmail[], options: BatchOptions): Promise<SentEmail[]>;
}

/** Resend takes at most this many emails in one batch request. */
export const MAX_BATCH_EMAILS = 100;

/** A failure that may pass (rate limit, 5xx, network, timeout): the job retries. */
export class TransientEmailError extends Error {
  override name = 'TransientEmailError';
  readonly retryAfterSeconds: number | undefined;
  /** The provider's status; null when no answer came (network, timeout). */
  readonly statusCode: number | null;

  constructor(message: string, retryAfterSeconds?: number, statusCode: number | null = null) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
    this.statusCode = statusCode;
  }

  get rateLimited(): boolean {
    return this.statusCode === 429;
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
