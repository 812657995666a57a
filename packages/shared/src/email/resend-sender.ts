import { Resend } from 'resend';
import { withoutAddresses } from '../logger.js';
import { type EmailSender, PermanentEmailError, TransientEmailError } from './sender.js';

/**
 * Sends through Resend. The SDK never throws: it returns `{data, error, headers}`; this turns its answer
 * into a retryable or a permanent error. The Idempotency-Key makes Resend send a retried email once.
 */
export function createResendSender(options: { apiKey: string; baseUrl?: string | undefined }): EmailSender {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    async send(email) {
      const { data, error, headers } = await resend.emails.send(
        {
          from: email.from,
          to: [email.to],
          subject: email.subject,
          html: email.html,
          text: email.text,
          tags: [{ name: 'template', value: email.template }],
        },
        { idempotencyKey: email.idempotencyKey },
      );
      if (data) return { id: data.id };
      const status = typeof error?.statusCode === 'number' ? error.statusCode : null;
      // Resend's text may quote an address; it is logged and kept on the job.
      const reason = withoutAddresses(error?.message ?? '');
      const message = `Resend ${status ?? 'network error'}: ${error?.name ?? 'unknown'} ${reason}`.trim();
      // No status means the request never got an answer (network, DNS): worth another try.
      if (status === null || status === 429 || status >= 500) {
        throw new TransientEmailError(message, retryAfterSeconds(headers?.['retry-after']));
      }
      throw new PermanentEmailError(message, status);
    },
  };
}

/** Retry-After as seconds (it may also be an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
