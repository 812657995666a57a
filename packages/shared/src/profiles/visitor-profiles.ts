/**
 * Rules for a profile filled in by a visitor without an account (docs/visitors.md): held until the link mailed
 * to its address is used, and limited so that the form is no channel for spam.
 */

export type VisitorRole = 'mentor' | 'mentee';

/** How long the link that confirms a visitor's profile stays valid; an unconfirmed profile is deleted after. */
export const PROFILE_CONFIRMATION_TTL_SECONDS = 48 * 3600;

/** Profiles one network address may start in an hour, and confirmation emails one address may receive. */
export const VISITOR_PROFILES_PER_IP_PER_HOUR = 5;
export const VISITOR_PROFILES_PER_EMAIL_PER_HOUR = 2;
