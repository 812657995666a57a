import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.js';
import bookingFeedbackRoutes from './booking-feedback.js';
import bookingNoteRoutes from './booking-notes.js';
import bookingRoutes from './bookings.js';
import healthRoutes from './health.js';
import menteeBookingRoutes from './mentee-bookings.js';
import mentorBookingRoutes from './mentor-bookings.js';
import webhookRoutes from './webhooks.js';

/** Every route plugin, with its prefix. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(bookingRoutes, { prefix: '/api' });
  await app.register(bookingNoteRoutes, { prefix: '/api' });
  await app.register(bookingFeedbackRoutes, { prefix: '/api' });
  await app.register(mentorBookingRoutes, { prefix: '/api' });
  await app.register(menteeBookingRoutes, { prefix: '/api' });
  await app.register(webhookRoutes, { prefix: '/api/webhooks' });
}
