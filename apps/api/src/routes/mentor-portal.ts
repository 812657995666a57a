import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Executor } from '@mentorconnect/db/database';
import { haveBookingTogether } from '@mentorconnect/db/queries/mentees';
import { insertActivity, listActivity } from '@mentorconnect/db/queries/mentor-activity';
import { listAvailability, replaceAvailability } from '@mentorconnect/db/queries/mentor-availability';
import { listEarnings } from '@mentorconnect/db/queries/mentor-earnings';
import { mentorDashboard } from '@mentorconnect/db/queries/mentor-stats';
import {
  findTaskForUpdate,
  insertTask,
  isBookingOfMentor,
  listTasks,
  updateTask,
} from '@mentorconnect/db/queries/mentor-tasks';
import { findMentorById, lockMentor } from '@mentorconnect/db/queries/mentors';
import {
  completionChange,
  taskCompletedActivity,
  taskCreatedActivity,
} from '@mentorconnect/shared/mentor-portal/tasks';
import { weeklyAvailabilityIssues } from '@mentorconnect/shared/mentor-portal/weekly-availability';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { requireMentor } from '../authorization.js';
import { badRequest, forbidden, notFound } from '../http-errors.js';
import { errorResponses } from '../schemas/common.js';
import {
  ActivityBody,
  ActivityQuery,
  AvailabilityBody,
  CreateTaskBody,
  DashboardBody,
  DEFAULT_ACTIVITY_LIMIT,
  EarningBody,
  MentorParams,
  PutAvailabilityBody,
  TaskBody,
  TaskParams,
  UpdateTaskBody,
} from '../schemas/mentor-portal.js';

const MENTOR_NOT_FOUND = 'Mentor not found';
const INVALID_TASK = 'Invalid task data';
const INVALID_SLOTS = 'Invalid availability slot data';
const tags = ['mentor portal'];

async function requireExistingMentor(db: Executor, mentorId: string): Promise<void> {
  if (!(await findMentorById(db, mentorId))) throw notFound(MENTOR_NOT_FOUND);
}

/** A task may point only at the mentor's own bookings and at mentees they have a booking with. */
async function checkTaskLinks(
  db: Executor,
  mentorId: string,
  links: { mentee_id?: string | null; booking_id?: string | null },
) {
  const issues: { path: string[]; message: string }[] = [];
  if (links.booking_id && !(await isBookingOfMentor(db, links.booking_id, mentorId))) {
    issues.push({ path: ['booking_id'], message: 'must be one of your bookings' });
  }
  if (links.mentee_id && !(await haveBookingTogether(db, mentorId, links.mentee_id))) {
    issues.push({ path: ['mentee_id'], message: 'must be a mentee you have a booking with' });
  }
  if (issues.length > 0) throw badRequest(INVALID_TASK, issues);
}

/** The contract's message when `slots` is not even an array, before the per-slot schema runs. */
async function requireSlotsArray(request: FastifyRequest) {
  const body = request.body as { slots?: unknown } | null | undefined;
  if (!Array.isArray(body?.slots)) throw badRequest('Slots must be an array');
}

/** /api/mentor/:mentorId/...: the mentor portal. Only the mentor changes anything; admins may read. */
const mentorPortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const readGuard = (request: FastifyRequest, mentorId: string) =>
    requireMentor(request, mentorId, { adminMayRead: true });

  app.get(
    '/dashboard',
    { schema: { tags, params: MentorParams, response: { 200: DashboardBody, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      readGuard(request, request.params.mentorId);
      await requireExistingMentor(db, request.params.mentorId);
      return mentorDashboard(db, request.params.mentorId);
    },
  );

  app.get(
    '/tasks',
    {
      schema: {
        tags,
        params: MentorParams,
        response: { 200: Type.Array(TaskBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      readGuard(request, request.params.mentorId);
      await requireExistingMentor(db, request.params.mentorId);
      return listTasks(db, request.params.mentorId);
    },
  );

  app.post(
    '/tasks',
    {
      config: { invalidMessage: INVALID_TASK },
      schema: {
        tags,
        params: MentorParams,
        body: CreateTaskBody,
        response: { 201: TaskBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { mentorId } = request.params;
      requireMentor(request, mentorId);
      await requireExistingMentor(db, mentorId);
      const { title, description = null, due_date = null, status = 'pending', priority = 'medium' } = request.body;
      const { mentee_id = null, booking_id = null } = request.body;
      await checkTaskLinks(db, mentorId, { mentee_id, booking_id });
      const task = await db.transaction().execute(async (trx) => {
        const created = await insertTask(trx, {
          mentorId,
          title,
          description,
          dueDate: due_date,
          status,
          priority,
          menteeId: mentee_id,
          bookingId: booking_id,
          completed: status === 'completed',
        });
        const activity = { mentor_id: mentorId, mentee_id, booking_id };
        await insertActivity(trx, { ...activity, ...taskCreatedActivity(created) });
        if (status === 'completed') await insertActivity(trx, { ...activity, ...taskCompletedActivity(created) });
        return created;
      });
      return reply.code(201).send(task);
    },
  );

  app.patch(
    '/tasks/:taskId',
    {
      config: { invalidMessage: INVALID_TASK },
      schema: {
        tags,
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: TaskBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { mentorId, taskId } = request.params;
      requireMentor(request, mentorId);
      const { completed_at: _serverDecides, ...changes } = request.body;
      return db.transaction().execute(async (trx) => {
        const task = await findTaskForUpdate(trx, taskId);
        if (!task) throw notFound('Task not found');
        if (task.mentor_id !== mentorId) throw forbidden('Task does not belong to this mentor');
        const completed = completionChange(task.status, changes.status);
        const updated = await updateTask(trx, taskId, { ...changes, completed });
        if (completed) {
          await insertActivity(trx, {
            mentor_id: mentorId,
            mentee_id: updated.mentee_id,
            booking_id: updated.booking_id,
            ...taskCompletedActivity(updated),
          });
        }
        return updated;
      });
    },
  );

  app.get(
    '/availability',
    {
      schema: {
        tags,
        params: MentorParams,
        response: { 200: Type.Array(AvailabilityBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      readGuard(request, request.params.mentorId);
      await requireExistingMentor(db, request.params.mentorId);
      return listAvailability(db, request.params.mentorId);
    },
  );

  app.put(
    '/availability',
    {
      config: { invalidMessage: INVALID_SLOTS },
      preValidation: requireSlotsArray,
      schema: {
        tags,
        description: 'Replaces every weekly slot; answers with the new slots in the order sent.',
        params: MentorParams,
        body: PutAvailabilityBody,
        response: { 200: Type.Array(AvailabilityBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { mentorId } = request.params;
      requireMentor(request, mentorId);
      const slots = request.body.slots.map((slot) => ({ ...slot, is_active: slot.is_active ?? true }));
      const issues = weeklyAvailabilityIssues(slots);
      if (issues.length > 0) throw badRequest(INVALID_SLOTS, issues);
      return db.transaction().execute(async (trx) => {
        if (!(await lockMentor(trx, mentorId))) throw notFound(MENTOR_NOT_FOUND);
        return replaceAvailability(trx, mentorId, slots);
      });
    },
  );

  app.get(
    '/earnings',
    {
      schema: {
        tags,
        params: MentorParams,
        response: { 200: Type.Array(EarningBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      readGuard(request, request.params.mentorId);
      await requireExistingMentor(db, request.params.mentorId);
      return listEarnings(db, request.params.mentorId);
    },
  );

  app.get(
    '/activity',
    {
      config: { invalidMessage: 'Invalid activity query' },
      schema: {
        tags,
        params: MentorParams,
        querystring: ActivityQuery,
        response: { 200: Type.Array(ActivityBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      readGuard(request, request.params.mentorId);
      await requireExistingMentor(db, request.params.mentorId);
      return listActivity(db, request.params.mentorId, request.query.limit ?? DEFAULT_ACTIVITY_LIMIT);
    },
  );
};

export default mentorPortalRoutes;
