import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.js';
import authRecoveryRoutes from './auth-recovery.js';
import healthRoutes from './health.js';

/** Every route plugin, with its prefix. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(authRecoveryRoutes, { prefix: '/api/auth' });
}
