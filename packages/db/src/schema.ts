import type { ActivityType, NotificationType } from '@mentorconnect/shared/bookings/effects';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A column the database fills (id, created_at) and that an update may still set. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A timestamp with a database default that updates set (updated_at, earned_at). */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Numeric = ColumnType<string, string | number, string | number>;

export type BookingStatus = 'pending' | 'accepted' | 'rejected' | 'confirmed' | 'completed' | 'canceled';
export type PersonRole = 'mentor' | 'mentee';
export type UserType = PersonRole | 'admin';
export type Locale = 'en' | 'ar';
// The domain's vocabularies live with its rules (packages/shared); the columns hold exactly these values.
export type { ActivityType, NotificationType } from '@mentorconnect/shared/bookings/effects';
export type TokenPurpose = 'password_reset' | 'email_verification' | 'booking_confirmation' | 'profile_confirmation';
export type WebhookEventStatus = 'received' | 'processed' | 'unmatched' | 'ignored' | 'failed';

export interface MentorsTable {
  id: Defaulted<string>;
  name: string;
  name_ar: string | null;
  email: string;
  company: string | null;
  company_ar: string | null;
  position: string | null;
  position_ar: string | null;
  timezone: string;
  country: string | null;
  photo_url: string | null;
  bio: string;
  bio_ar: string | null;
  linkedin_url: string | null;
  cal_link: string;
  cal_15min: string | null;
  cal_30min: string | null;
  cal_60min: string | null;
  expertise: string[];
  expertise_ar: string[] | null;
  industries: string[];
  industries_ar: string[] | null;
  languages_spoken: string[];
  comms_owner: 'exec' | 'assistant';
  assistant_email: string | null;
  mentorship_preference: 'ongoing' | 'rotating' | 'either' | null;
  why_joined: string | null;
  is_available: Defaulted<boolean>;
  average_rating: ColumnType<string | null, Numeric['__insert__'] | undefined, string | number | null>;
  total_ratings: Defaulted<number | null>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  /** When mail at `email` was proven received; null = a held profile, not listed (docs/security.md). */
  email_verified_at: NullableTimestamp;
}

export interface MenteesTable {
  id: Defaulted<string>;
  name: string;
  email: string;
  user_type: 'individual' | 'organization';
  organization_name: string | null;
  organization_website: string | null;
  organization_sector: string | null;
  organization_size: string | null;
  organization_mission: string | null;
  organization_needs: string | null;
  country: string | null;
  timezone: string;
  photo_url: string | null;
  bio: string | null;
  linkedin_url: string | null;
  languages_spoken: string[];
  areas_exploring: string[];
  goals: string | null;
  created_at: CreatedAt;
  /** When mail at `email` was proven received; null = a held profile (docs/security.md). */
  email_verified_at: NullableTimestamp;
}

export interface BookingsTable {
  id: Defaulted<string>;
  mentor_id: string;
  mentee_id: string;
  cal_event_uri: string | null;
  status: Defaulted<BookingStatus>;
  goal: string | null;
  scheduled_at: NullableTimestamp;
  clicked_at: NullableTimestamp;
  responded_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  canceled_at: NullableTimestamp;
  mentee_rating: number | null;
  mentee_feedback: string | null;
  mentor_rating: number | null;
  mentor_feedback: string | null;
  created_at: CreatedAt;
  awaiting_email_confirmation: Defaulted<boolean>;
  reminder_sent_at: NullableTimestamp;
  /** The account whose verification releases this held request; null: only its own emailed link does. */
  requested_by_user_id: string | null;
}

export interface BookingNotesTable {
  id: Defaulted<string>;
  booking_id: string;
  author_type: PersonRole;
  author_email: string;
  note_type: Defaulted<'note' | 'task'>;
  content: string;
  is_completed: Defaulted<boolean | null>;
  due_date: NullableTimestamp;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Defaulted<string>;
  recipient_email: string;
  recipient_type: PersonRole;
  type: NotificationType;
  title: string;
  message: string;
  booking_id: string | null;
  is_read: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Defaulted<string>;
  email: string;
  password: string;
  user_type: UserType;
  profile_id: string | null;
  is_verified: Defaulted<boolean>;
  reset_token: string | null;
  reset_token_expires: NullableTimestamp;
  created_at: CreatedAt;
  locale: Defaulted<Locale>;
  updated_at: DefaultedTimestamp;
}

export interface MentorAvailabilityTable {
  id: Defaulted<string>;
  mentor_id: string;
  day_of_week: number;
  start_time: string;
  end_time: string;
  is_active: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface MentorTasksTable {
  id: Defaulted<string>;
  mentor_id: string;
  mentee_id: string | null;
  booking_id: string | null;
  title: string;
  description: string | null;
  due_date: NullableTimestamp;
  status: Defaulted<'pending' | 'in_progress' | 'completed' | 'canceled'>;
  priority: Defaulted<'low' | 'medium' | 'high'>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  completed_at: NullableTimestamp;
}

export interface MentorEarningsTable {
  id: Defaulted<string>;
  mentor_id: string;
  booking_id: string | null;
  amount: Numeric;
  currency: Defaulted<string>;
  earned_at: DefaultedTimestamp;
  payout_month: string;
  payout_status: Defaulted<'pending' | 'paid'>;
}

export interface MentorActivityLogTable {
  id: Defaulted<string>;
  mentor_id: string;
  mentee_id: string | null;
  booking_id: string | null;
  activity_type: ActivityType;
  title: string;
  description: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  sid: string;
  user_id: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface OneTimeTokensTable {
  token_hash: string;
  purpose: TokenPurpose;
  user_id: string | null;
  booking_id: string | null;
  /** The held visitor profile a profile_confirmation token proves (one of the two). */
  mentor_id: Defaulted<string | null>;
  mentee_id: Defaulted<string | null>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface RateLimitsTable {
  key: string;
  window_started_at: Timestamp;
  hits: number;
}

export interface WebhookEventsTable {
  id: Defaulted<string>;
  source: Defaulted<string>;
  dedupe_key: string;
  trigger_event: string;
  payload: ColumnType<unknown, string, string>;
  status: Defaulted<WebhookEventStatus>;
  outcome: string | null;
  booking_id: string | null;
  received_at: CreatedAt;
  processed_at: NullableTimestamp;
}

export interface BookingCalcomUidsTable {
  uid: string;
  booking_id: string;
  created_at: CreatedAt;
}

export interface UploadsTable {
  key: string;
  owner_user_id: string | null;
  content_type: string;
  size_bytes: number;
  created_at: CreatedAt;
}

export interface SendPacingTable {
  provider: string;
  next_at: Timestamp;
}

/** One row: moved forward by every change to `mentors` (migration 1700). */
export interface DirectoryVersionTable {
  singleton: Generated<boolean>;
  version: Generated<number>;
}

export interface EmailBatchesTable {
  idempotency_key: string;
  emails: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export interface EmailBatchJobsTable {
  job_id: string;
  batch_key: string;
  position: number;
}

export interface LegacyValueMappingsTable {
  id: Generated<string>;
  table_name: string;
  row_id: string;
  column_name: string;
  old_value: string | null;
  new_value: string | null;
  mapped_at: CreatedAt;
}

export interface Database {
  mentors: MentorsTable;
  mentees: MenteesTable;
  bookings: BookingsTable;
  booking_notes: BookingNotesTable;
  notifications: NotificationsTable;
  users: UsersTable;
  mentor_availability: MentorAvailabilityTable;
  mentor_tasks: MentorTasksTable;
  mentor_earnings: MentorEarningsTable;
  mentor_activity_log: MentorActivityLogTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  rate_limits: RateLimitsTable;
  webhook_events: WebhookEventsTable;
  booking_calcom_uids: BookingCalcomUidsTable;
  uploads: UploadsTable;
  legacy_value_mappings: LegacyValueMappingsTable;
  send_pacing: SendPacingTable;
  email_batches: EmailBatchesTable;
  email_batch_jobs: EmailBatchJobsTable;
  directory_version: DirectoryVersionTable;
}

export type Mentor = Selectable<MentorsTable>;
export type NewMentor = Insertable<MentorsTable>;
export type MentorUpdate = Updateable<MentorsTable>;
export type Mentee = Selectable<MenteesTable>;
export type NewMentee = Insertable<MenteesTable>;
export type MenteeUpdate = Updateable<MenteesTable>;
export type Booking = Selectable<BookingsTable>;
export type NewBooking = Insertable<BookingsTable>;
export type BookingUpdate = Updateable<BookingsTable>;
export type BookingNote = Selectable<BookingNotesTable>;
export type Notification = Selectable<NotificationsTable>;
export type NewNotification = Insertable<NotificationsTable>;
export type User = Selectable<UsersTable>;
export type MentorAvailability = Selectable<MentorAvailabilityTable>;
export type MentorTask = Selectable<MentorTasksTable>;
export type MentorEarning = Selectable<MentorEarningsTable>;
export type MentorActivity = Selectable<MentorActivityLogTable>;
export type NewActivity = Insertable<MentorActivityLogTable>;
export type WebhookEvent = Selectable<WebhookEventsTable>;
export type Upload = Selectable<UploadsTable>;
