import type { FastifyInstance } from 'fastify';
import accountRoutes from './account.js';
import assetRoutes from './assets.js';
import authRoutes from './auth.js';
import authRecoveryRoutes from './auth-recovery.js';
import bookingFeedbackRoutes from './booking-feedback.js';
import bookingNoteRoutes from './booking-notes.js';
import bookingRoutes from './bookings.js';
import fileRoutes from './files.js';
import frontendRoutes from './frontend.js';
import healthRoutes from './health.js';
import menteeBookingRoutes from './mentee-bookings.js';
import menteePortalRoutes from './mentee-portal.js';
import menteeRoutes from './mentees.js';
import mentorBookingRoutes from './mentor-bookings.js';
import mentorPortalRoutes from './mentor-portal.js';
import mentorRoutes from './mentors.js';
import notificationRoutes from './notifications.js';
import profileConfirmationRoutes from './profile-confirmations.js';
import uploadRoutes from './uploads.js';
import webhookRoutes from './webhooks.js';

/** Every route plugin, with its prefix. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(authRecoveryRoutes, { prefix: '/api/auth' });
  await app.register(accountRoutes, { prefix: '/api/auth' });
  await app.register(mentorRoutes, { prefix: '/api/mentors' });
  await app.register(menteeRoutes, { prefix: '/api/mentees' });
  await app.register(notificationRoutes, { prefix: '/api/notifications' });
  await app.register(profileConfirmationRoutes, { prefix: '/api/profiles' });
  await app.register(mentorPortalRoutes, { prefix: '/api/mentor/:mentorId' });
  await app.register(menteePortalRoutes, { prefix: '/api/mentee/:menteeId' });
  await app.register(bookingRoutes, { prefix: '/api' });
  await app.register(bookingNoteRoutes, { prefix: '/api' });
  await app.register(bookingFeedbackRoutes, { prefix: '/api' });
  await app.register(mentorBookingRoutes, { prefix: '/api' });
  await app.register(menteeBookingRoutes, { prefix: '/api' });
  await app.register(webhookRoutes, { prefix: '/api/webhooks' });
  await app.register(uploadRoutes, { prefix: '/api/uploads' });
  await app.register(fileRoutes);
  await app.register(assetRoutes);
  // Last: the built frontend's index.html fallback for client-side routes (single-origin deploys).
  if (app.config.WEB_DIST_DIR) await app.register(frontendRoutes, { root: app.config.WEB_DIST_DIR });
}
