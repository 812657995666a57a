import type { ActivityEffect } from './effects.js';

/** A task note on a booking shows in the mentor's activity when it is created and when it is completed. */

interface NoteFacts {
  note_type: 'note' | 'task';
  content: string;
  is_completed: boolean | null;
}

const TITLE_LENGTH = 80;
const short = (text: string) => (text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1)}…` : text);

export function taskActivity(
  booking: { id: string; mentor_id: string; mentee_id: string },
  before: NoteFacts | undefined,
  after: NoteFacts,
): ActivityEffect[] {
  if (after.note_type !== 'task') return [];
  const base = { mentor_id: booking.mentor_id, mentee_id: booking.mentee_id, booking_id: booking.id };
  if (!before) {
    return [
      { ...base, activity_type: 'task_created', title: `Task created: ${short(after.content)}`, description: null },
    ];
  }
  if (!before.is_completed && after.is_completed) {
    return [
      { ...base, activity_type: 'task_completed', title: `Task completed: ${short(after.content)}`, description: null },
    ];
  }
  return [];
}
