import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { MentorTask, MentorTasksTable } from '../schema.js';

type TaskStatus = MentorTasksTable['status']['__select__'];
type TaskPriority = MentorTasksTable['priority']['__select__'];

export interface NewTask {
  mentorId: string;
  title: string;
  description: string | null;
  dueDate: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  menteeId: string | null;
  bookingId: string | null;
  completed: boolean;
}

export interface TaskChanges {
  title?: string;
  description?: string | null;
  due_date?: string | null;
  status?: TaskStatus;
  priority?: TaskPriority;
  /** true stamps completed_at now, false clears it, undefined leaves it. */
  completed?: boolean;
}

/** The mentor's tasks, newest first. */
export async function listTasks(db: Executor, mentorId: string): Promise<MentorTask[]> {
  return db
    .selectFrom('mentor_tasks')
    .selectAll()
    .where('mentor_id', '=', mentorId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The task, locked until the transaction ends so that a concurrent update waits. */
export async function findTaskForUpdate(db: Executor, id: string): Promise<MentorTask | undefined> {
  return db.selectFrom('mentor_tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertTask(db: Executor, task: NewTask): Promise<MentorTask> {
  return db
    .insertInto('mentor_tasks')
    .values({
      mentor_id: task.mentorId,
      mentee_id: task.menteeId,
      booking_id: task.bookingId,
      title: task.title,
      description: task.description,
      due_date: task.dueDate,
      status: task.status,
      priority: task.priority,
      completed_at: task.completed ? sql<Date>`now()` : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTask(db: Executor, id: string, changes: TaskChanges): Promise<MentorTask> {
  const { completed, ...columns } = changes;
  return db
    .updateTable('mentor_tasks')
    .set({
      ...columns,
      updated_at: sql<Date>`now()`,
      ...(completed === undefined ? {} : { completed_at: completed ? sql<Date>`now()` : null }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether the booking exists and is the mentor's: a task may only point at one of their own bookings. */
export async function isBookingOfMentor(db: Executor, bookingId: string, mentorId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bookings')
    .select('id')
    .where('id', '=', bookingId)
    .where('mentor_id', '=', mentorId)
    .executeTakeFirst();
  return row !== undefined;
}
