import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.js';
import healthRoutes from './health.js';
import menteePortalRoutes from './mentee-portal.js';
import menteeRoutes from './mentees.js';
import mentorPortalRoutes from './mentor-portal.js';
import mentorRoutes from './mentors.js';
import notificationRoutes from './notifications.js';

/** Every route plugin, with its prefix. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(mentorRoutes, { prefix: '/api/mentors' });
  await app.register(menteeRoutes, { prefix: '/api/mentees' });
  await app.register(notificationRoutes, { prefix: '/api/notifications' });
  await app.register(mentorPortalRoutes, { prefix: '/api/mentor/:mentorId' });
  await app.register(menteePortalRoutes, { prefix: '/api/mentee/:menteeId' });
}
