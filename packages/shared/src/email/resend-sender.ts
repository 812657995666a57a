import { Resend } from 'resend';
import { withoutAddresses } from '../logger.js';
import type { OutgoingEmail } from './message.js';
import { type EmailSender, PermanentEmailError, TransientEmailError } from './sender.js';

export interface ResendSenderOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  /** A request not answered by then is abandoned as a transient failure (a hanging provider). */
  timeoutMs: number;
}

type ResendError = { statusCode?: unknown; name?: string; message?: string } | null;
type Headers = Record<string, string> | null | undefined;

/**
 * Sends through Resend. The SDK never throws: it returns `{data, error, headers}`; this turns its answer
 * into a retryable or a permanent error. The Idempotency-Key makes Resend send a retried request once.
 * Each request ends at the timeout or when the caller's signal aborts, whichever comes first.
 */
export function createResendSender(options: ResendSenderOptions): EmailSender {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const signalFor = (signal: AbortSignal | undefined) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  };
  return {
    async send(email, { signal } = {}) {
      const { data, error, headers } = await resend.emails.send(toResendEmail(email), {
        idempotencyKey: email.idempotencyKey,
        signal: signalFor(signal),
      });
      if (data) return { id: data.id };
      throw failure(error, headers);
    },
    async sendBatch(emails, { idempotencyKey, signal }) {
      const { data, error, headers } = await resend.batch.send(emails.map(toResendEmail), {
        idempotencyKey,
        signal: signalFor(signal),
      });
      if (data) return data.data.map(({ id }) => ({ id }));
      // A 409 on a batch is the same key arriving twice at once (two retried emails of one batch): wait.
      throw failure(error, headers, [409]);
    },
  };
}

function toResendEmail(email: OutgoingEmail) {
  return {
    from: email.from,
    to: [email.to],
    subject: email.subject,
    html: email.html,
    text: email.text,
    tags: [{ name: 'template', value: email.template }],
  };
}

function failure(error: ResendError, headers: Headers, alsoTransient: number[] = []): Error {
  const status = typeof error?.statusCode === 'number' ? error.statusCode : null;
  // Resend's text may quote an address; it is logged and kept on the job.
  const reason = withoutAddresses(error?.message ?? '');
  const message = `Resend ${status ?? 'network error'}: ${error?.name ?? 'unknown'} ${reason}`.trim();
  // No status means the request never got an answer (network, DNS, timeout): worth another try.
  if (status === null || status === 429 || status >= 500 || alsoTransient.includes(status)) {
    return new TransientEmailError(message, waitSeconds(headers), status);
  }
  return new PermanentEmailError(message, status);
}

/** How long Resend asks to wait: `retry-after`, else the `ratelimit-reset` of a window with nothing left. */
function waitSeconds(headers: Headers): number | undefined {
  const retryAfter = retryAfterSeconds(headers?.['retry-after']);
  if (retryAfter !== undefined || headers?.['ratelimit-remaining'] !== '0') return retryAfter;
  const reset = Number(headers['ratelimit-reset']);
  return Number.isFinite(reset) && reset >= 0 ? reset : undefined;
}

/** Retry-After as seconds (it may also be an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
