import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  countUnreadNotifications,
  findNotificationById,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '@mentorconnect/db/queries/notifications';
import Type from 'typebox';
import { requireAddressHolder, requireEmailOwner, requireUser } from '../authorization.js';
import { notFound } from '../http-errors.js';
import { errorResponses, IdParams, MessageBody } from '../schemas/common.js';
import { EmailParams } from '../schemas/fields.js';
import { NotificationBody, UnreadCountBody } from '../schemas/notification.js';

const NOTIFICATION_NOT_FOUND = 'Notification not found';
/** The bell shows the latest ones; older notifications stay in the database. */
const INBOX_CAP = 500;
const tags = ['notifications'];

/** /api/notifications: an inbox is addressed by email and only its owner (any case) may read or mark it. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/:email',
    {
      schema: {
        tags,
        description: `The latest ${INBOX_CAP} notifications, newest first.`,
        params: EmailParams,
        response: { 200: Type.Array(NotificationBody), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      // An unverified account has no inbox yet: what is filed under its address may predate it.
      if (!requireAddressHolder(request, request.params.email).is_verified) return [];
      return listNotifications(db, request.params.email, INBOX_CAP);
    },
  );

  app.get(
    '/:email/unread-count',
    { schema: { tags, params: EmailParams, response: { 200: UnreadCountBody, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      if (!requireAddressHolder(request, request.params.email).is_verified) return { count: 0 };
      return { count: await countUnreadNotifications(db, request.params.email) };
    },
  );

  app.patch(
    '/:id/read',
    {
      schema: { tags, params: IdParams, response: { 200: NotificationBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      requireUser(request);
      const notification = await findNotificationById(db, request.params.id);
      if (!notification) throw notFound(NOTIFICATION_NOT_FOUND);
      requireEmailOwner(request, notification.recipient_email);
      const updated = await markNotificationRead(db, notification.id);
      if (!updated) throw notFound(NOTIFICATION_NOT_FOUND);
      return updated;
    },
  );

  app.patch(
    '/:email/mark-all-read',
    { schema: { tags, params: EmailParams, response: { 200: MessageBody, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      requireEmailOwner(request, request.params.email);
      await markAllNotificationsRead(db, request.params.email);
      return { message: 'All notifications marked as read' };
    },
  );
};

export default notificationRoutes;
