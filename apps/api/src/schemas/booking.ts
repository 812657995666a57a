import Type from 'typebox';
import { NullableTimestamp, Timestamp } from './common.js';

/**
 * Full rows as the contract returns them: every column, snake_case, timestamps ISO with Z. The mentor and
 * mentee rows here are the embedded objects of the booking lists.
 */

const Text = Type.String();
const NullableText = Type.Union([Type.String(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);
const NullableTextArray = Type.Union([Type.Array(Type.String()), Type.Null()]);

export const BookingStatusSchema = Type.Enum(['pending', 'accepted', 'rejected', 'confirmed', 'completed', 'canceled']);

export const BookingRow = Type.Object({
  id: Text,
  mentor_id: Text,
  mentee_id: Text,
  cal_event_uri: NullableText,
  status: BookingStatusSchema,
  goal: NullableText,
  scheduled_at: NullableTimestamp,
  clicked_at: NullableTimestamp,
  responded_at: NullableTimestamp,
  completed_at: NullableTimestamp,
  canceled_at: NullableTimestamp,
  mentee_rating: NullableInteger,
  mentee_feedback: NullableText,
  mentor_rating: NullableInteger,
  mentor_feedback: NullableText,
  created_at: Timestamp,
  awaiting_email_confirmation: Type.Boolean(),
  reminder_sent_at: NullableTimestamp,
});

export const MentorRow = Type.Object({
  id: Text,
  name: Text,
  name_ar: NullableText,
  email: Text,
  company: NullableText,
  company_ar: NullableText,
  position: NullableText,
  position_ar: NullableText,
  timezone: Text,
  country: NullableText,
  photo_url: NullableText,
  bio: Text,
  bio_ar: NullableText,
  linkedin_url: NullableText,
  cal_link: Text,
  cal_15min: NullableText,
  cal_30min: NullableText,
  cal_60min: NullableText,
  expertise: Type.Array(Type.String()),
  expertise_ar: NullableTextArray,
  industries: Type.Array(Type.String()),
  industries_ar: NullableTextArray,
  languages_spoken: Type.Array(Type.String()),
  comms_owner: Text,
  assistant_email: NullableText,
  mentorship_preference: NullableText,
  why_joined: NullableText,
  is_available: Type.Boolean(),
  average_rating: NullableText,
  total_ratings: NullableInteger,
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const MenteeRow = Type.Object({
  id: Text,
  name: Text,
  email: Text,
  user_type: Text,
  organization_name: NullableText,
  organization_website: NullableText,
  organization_sector: NullableText,
  organization_size: NullableText,
  organization_mission: NullableText,
  organization_needs: NullableText,
  country: NullableText,
  timezone: Text,
  photo_url: NullableText,
  bio: NullableText,
  linkedin_url: NullableText,
  languages_spoken: Type.Array(Type.String()),
  areas_exploring: Type.Array(Type.String()),
  goals: NullableText,
  created_at: Timestamp,
});

export const BookingWithMentor = Type.Intersect([BookingRow, Type.Object({ mentor: MentorRow })]);
export const BookingWithMentee = Type.Intersect([BookingRow, Type.Object({ mentee: MenteeRow })]);

export const BookingNoteRow = Type.Object({
  id: Text,
  booking_id: Text,
  author_type: Type.Enum(['mentor', 'mentee']),
  author_email: Text,
  note_type: Type.Enum(['note', 'task']),
  content: Text,
  is_completed: Type.Union([Type.Boolean(), Type.Null()]),
  due_date: NullableTimestamp,
  created_at: Timestamp,
});

/** GET /api/mentors/:id/feedback: the shape the mentor portal's Feedback page reads (contract 6.1). */
export const MentorFeedbackItem = Type.Object({
  id: Text,
  mentee_id: Text,
  mentee_name: Text,
  mentee_email: Text,
  mentee_photo: NullableText,
  rating: Type.Integer(),
  feedback: NullableText,
  scheduled_at: Timestamp,
});

export const BookingIdParams = Type.Object({ bookingId: Type.String({ minLength: 1, maxLength: 100 }) });
export const MentorIdParams = Type.Object({ mentorId: Type.String({ minLength: 1, maxLength: 100 }) });
export const MenteeIdParams = Type.Object({ menteeId: Type.String({ minLength: 1, maxLength: 100 }) });
export const StatusQuery = Type.Object({ status: Type.Optional(BookingStatusSchema) });
