import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.js';
import healthRoutes from './health.js';
import webhookRoutes from './webhooks.js';

/** Every route plugin, with its prefix. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(webhookRoutes, { prefix: '/api/webhooks' });
}
