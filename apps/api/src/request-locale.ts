import type { Locale } from '@mentorconnect/db/schema';
import type { FastifyRequest } from 'fastify';

/** The browser's first preferred language, when it is one the product speaks. */
export function requestLocale(request: FastifyRequest): Locale {
  const first = request.headers['accept-language']?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('ar') ? 'ar' : 'en';
}
