import { isUndeliverableEmail, UNDELIVERABLE_EMAIL_MESSAGE } from './email-ownership.js';

/** Rules for a mentor profile that a schema cannot express. */

const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface RuleViolation {
  message: string;
  errors: { path: string[]; message: string }[];
}

/**
 * When an assistant handles a mentor's communication, their email is required and must look like one
 * (the contract's messages, which the onboarding form shows).
 */
export function assistantEmailViolation(profile: {
  comms_owner: string;
  assistant_email?: string | null | undefined;
}): RuleViolation | undefined {
  const email = profile.assistant_email?.trim() ?? '';
  if (profile.comms_owner === 'assistant' && email === '') {
    return {
      message: "Assistant email is required when communication owner is 'Assistant'",
      errors: [{ path: ['assistant_email'], message: 'Assistant email is required' }],
    };
  }
  if (email !== '' && !SIMPLE_EMAIL.test(email)) {
    return {
      message: 'Invalid assistant email format',
      errors: [{ path: ['assistant_email'], message: 'Invalid email format' }],
    };
  }
  if (email !== '' && isUndeliverableEmail(email)) {
    return {
      message: UNDELIVERABLE_EMAIL_MESSAGE,
      errors: [{ path: ['assistant_email'], message: UNDELIVERABLE_EMAIL_MESSAGE }],
    };
  }
  return undefined;
}

/** A Cal.com `username/event` path (a leading https://cal.com/ is allowed): plain URL characters only. */
const CAL_PATH = /^(https:\/\/(www\.)?cal\.com\/)?[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*\/?$/;
const CAL_FIELDS = ['cal_link', 'cal_15min', 'cal_30min', 'cal_60min'] as const;

/**
 * The Cal.com links a mentor writes go into emails and the booking embed: a `%`, a space or another scheme
 * there would break both, so they are refused when written, not when an email is rendered.
 */
export function calLinkViolation(profile: Partial<Record<(typeof CAL_FIELDS)[number], string | null>>) {
  const invalid = CAL_FIELDS.filter((field) => {
    const value = profile[field];
    return typeof value === 'string' && !(field !== 'cal_link' && value === '') && !CAL_PATH.test(value.trim());
  });
  if (invalid.length === 0) return undefined;
  return {
    message: 'Invalid Cal.com link: use your Cal.com username and event, like username/30min',
    errors: invalid.map((field) => ({ path: [field], message: 'must be a Cal.com link like username/30min' })),
  } satisfies RuleViolation;
}
