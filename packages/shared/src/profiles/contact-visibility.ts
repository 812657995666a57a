/**
 * A mentor's email and assistant email are private. Besides the mentor and admins, a mentee sees them once
 * the mentor has said yes to one of their requests: from `accepted` on, through the session and after it.
 */
export const CONTACT_REVEALING_STATUSES = ['accepted', 'confirmed', 'completed'] as const;
