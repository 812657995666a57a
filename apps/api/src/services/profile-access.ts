import type { Executor } from '@mentorconnect/db/database';
import { haveBookingTogether } from '@mentorconnect/db/queries/mentees';
import { findMentorIdsWithBookingStatus } from '@mentorconnect/db/queries/mentors';
import type { User } from '@mentorconnect/db/schema';
import { CONTACT_REVEALING_STATUSES } from '@mentorconnect/shared/profiles/contact-visibility';
import { isAdmin, isMentee, isMentor } from '../authorization.js';
import { forbidden, unauthorized } from '../http-errors.js';

/**
 * Who may see a mentor's private fields (email, assistant_email): the mentor, admins, and mentees whom the
 * mentor has accepted. Returns a predicate over mentor ids, so a list costs one query at most.
 */
export async function mentorContactVisibility(
  db: Executor,
  viewer: User | undefined,
): Promise<(mentorId: string) => boolean> {
  if (!viewer) return () => false;
  if (isAdmin(viewer)) return () => true;
  if (viewer.user_type === 'mentee' && viewer.profile_id) {
    const accepted = await findMentorIdsWithBookingStatus(db, viewer.profile_id, CONTACT_REVEALING_STATUSES);
    return (mentorId) => accepted.has(mentorId);
  }
  return (mentorId) => isMentor(viewer, mentorId);
}

/** A mentee's profile is for the mentee, admins, and mentors who have a booking with them. */
export async function requireMenteeProfileViewer(
  db: Executor,
  viewer: User | undefined,
  menteeId: string,
): Promise<void> {
  if (!viewer) throw unauthorized();
  if (isMentee(viewer, menteeId) || isAdmin(viewer)) return;
  if (
    viewer.user_type === 'mentor' &&
    viewer.profile_id &&
    (await haveBookingTogether(db, viewer.profile_id, menteeId))
  )
    return;
  throw forbidden();
}
