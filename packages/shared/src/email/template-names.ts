/** Every email the product sends; the worker has one template per name. */
export const EMAIL_TEMPLATES = [
  'password_reset',
  'email_verification',
  'booking_request_confirmation',
  'booking_request_held',
  'profile_confirmation',
  'booking_request_received',
  'booking_accepted',
  'booking_declined',
  'booking_confirmed',
  'booking_rescheduled',
  'booking_canceled',
  'booking_reminder',
  'feedback_prompt',
] as const;

export type EmailTemplateName = (typeof EMAIL_TEMPLATES)[number];
