import Type, { type Static } from 'typebox';
import { NullableTimestamp, Timestamp } from './common.js';
import { LongText, Nullable } from './fields.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });
export const MentorParams = Type.Object({ mentorId: Id });
export const TaskParams = Type.Object({ mentorId: Id, taskId: Id });

export const DashboardBody = Type.Object({
  totalSessions: Type.Integer(),
  completedSessions: Type.Integer(),
  averageRating: Type.Number(),
  totalEarnings: Type.Number(),
  monthlyEarnings: Type.Number(),
  pendingBookings: Type.Integer(),
  feedbackCount: Type.Integer(),
});

const TaskStatus = Type.Enum(['pending', 'in_progress', 'completed', 'canceled']);
const TaskPriority = Type.Enum(['low', 'medium', 'high']);
const TaskTitle = Type.String({ minLength: 1, maxLength: 300 });
const DueDate = Nullable(Type.String({ format: 'date-time', maxLength: 40 }));

export const TaskBody = Type.Object({
  id: Type.String(),
  mentor_id: Type.String(),
  mentee_id: Nullable(Type.String()),
  booking_id: Nullable(Type.String()),
  title: Type.String(),
  description: Nullable(Type.String()),
  due_date: NullableTimestamp,
  status: Type.String(),
  priority: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
  completed_at: NullableTimestamp,
});

/** POST tasks: mentor_id comes from the path; completed_at is stamped by the server. */
export const CreateTaskBody = Type.Object({
  title: TaskTitle,
  description: Type.Optional(Nullable(LongText)),
  due_date: Type.Optional(DueDate),
  status: Type.Optional(TaskStatus),
  priority: Type.Optional(TaskPriority),
  mentee_id: Type.Optional(Nullable(Id)),
  booking_id: Type.Optional(Nullable(Id)),
});
export type CreateTaskBody = Static<typeof CreateTaskBody>;

/**
 * PATCH tasks/:taskId. TaskManager sends `completed_at` along with the status; it is accepted for that
 * reason but the server decides it (now when the task becomes completed, null when it is reopened).
 */
export const UpdateTaskBody = Type.Object(
  {
    title: Type.Optional(TaskTitle),
    description: Type.Optional(Nullable(LongText)),
    due_date: Type.Optional(DueDate),
    status: Type.Optional(TaskStatus),
    priority: Type.Optional(TaskPriority),
    completed_at: Type.Optional(DueDate),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;

export const AvailabilityBody = Type.Object({
  id: Type.String(),
  mentor_id: Type.String(),
  day_of_week: Type.Integer(),
  start_time: Type.String(),
  end_time: Type.String(),
  is_active: Type.Boolean(),
  created_at: Timestamp,
});

export const MAX_AVAILABILITY_SLOTS = 50;
const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

export const AvailabilitySlotInput = Type.Object({
  day_of_week: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday ... 6 = Saturday' }),
  start_time: ClockTime,
  end_time: ClockTime,
  is_active: Type.Optional(Type.Boolean()),
});

export const PutAvailabilityBody = Type.Object({
  slots: Type.Array(AvailabilitySlotInput, { maxItems: MAX_AVAILABILITY_SLOTS }),
});
export type PutAvailabilityBody = Static<typeof PutAvailabilityBody>;

export const EarningBody = Type.Object({
  id: Type.String(),
  mentor_id: Type.String(),
  booking_id: Nullable(Type.String()),
  /** numeric(10,2) as a string. */
  amount: Type.String(),
  currency: Type.String(),
  earned_at: Timestamp,
  payout_month: Type.String(),
  payout_status: Type.String(),
});

export const ActivityBody = Type.Object({
  id: Type.String(),
  mentor_id: Type.String(),
  mentee_id: Nullable(Type.String()),
  booking_id: Nullable(Type.String()),
  activity_type: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  created_at: Timestamp,
});

export const DEFAULT_ACTIVITY_LIMIT = 50;

export const ActivityQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_ACTIVITY_LIMIT })),
});
