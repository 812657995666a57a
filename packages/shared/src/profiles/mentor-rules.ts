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
