import type { FastifyInstance } from 'fastify';
import assetRoutes from './assets.js';
import authRoutes from './auth.js';
import bookingFeedbackRoutes from './booking-feedback.js';
import bookingNoteRoutes from './booking-notes.js';
import bookingRoutes from './bookings.js';
import fileRoutes from './files.js';
import frontendRoutes from './frontend.js';
import healthRoutes from './health.js';
import menteeBookingRoutes from './mentee-bookings.js';
import mentorBookingRoutes from './mentor-bookings.js';
import uploadRoutes from './uploads.js';
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
  await app.register(uploadRoutes, { prefix: '/api/uploads' });
  await app.register(fileRoutes);
  await app.register(assetRoutes);
  if (app.config.WEB_DIST_DIR) await app.register(frontendRoutes, { root: app.config.WEB_DIST_DIR });
}
