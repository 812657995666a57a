import type { EmailTemplateName } from './template-names.js';

export type EmailLocale = 'en' | 'ar';
export type EmailData = Record<string, string | number | boolean | null>;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** One email ready to hand to a sender. */
export interface OutgoingEmail extends RenderedEmail {
  template: EmailTemplateName;
  from: string;
  to: string;
  /** Unique to the email's cause: Resend's Idempotency-Key, and the outbox file name. */
  idempotencyKey: string;
}

/** The job's data does not fit its template: retrying cannot help. */
export class InvalidEmailDataError extends Error {
  override name = 'InvalidEmailDataError';
}
