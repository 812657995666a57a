import { dedupeKeyFor, isHandledTrigger } from '@mentorconnect/shared/calcom/events';
import { isValidCalSignature } from '@mentorconnect/shared/calcom/signature';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { badRequest, unauthorized } from '../http-errors.js';
import { errorResponses } from '../schemas/common.js';
import { createWebhookIngest } from '../services/webhook-ingest.js';

const Received = Type.Object({ received: Type.Boolean(), duplicate: Type.Optional(Type.Boolean()) });

/** Cal.com deliveries are small; a body past this is not one of theirs. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * POST /api/webhooks/calcom: the signature is checked on the raw bytes before anything is parsed; a valid
 * event is stored with a content-based dedupe key and enqueued in one transaction (shared with the deliveries
 * arriving meanwhile: services/webhook-ingest.ts), and the answer comes at once (Cal.com waits for it
 * synchronously and never retries). The worker applies the event.
 */
const webhookRoutes: FastifyPluginAsync = async (app) => {
  const ingest = createWebhookIngest(app.db, app.jobs);
  // This plugin's own context: every body stays a Buffer, so the HMAC covers exactly the bytes Cal.com signed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/calcom',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: { tags: ['webhooks'], response: { 200: Received, ...errorResponses(400, 401) } },
    },
    async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['x-cal-signature-256'];
      if (
        !isValidCalSignature(
          raw,
          typeof signature === 'string' ? signature : undefined,
          app.config.CALCOM_WEBHOOK_SECRET,
        )
      ) {
        throw unauthorized('Invalid webhook signature');
      }
      const envelope = parseEnvelope(raw);
      const trigger = envelope.triggerEvent as string;
      // The dashboard's "Ping test": acknowledged, nothing to keep.
      if (trigger === 'PING') return { received: true };

      const handled = isHandledTrigger(trigger);
      const stored = await ingest({
        source: 'calcom',
        dedupeKey: dedupeKeyFor(envelope),
        triggerEvent: trigger,
        payload: envelope,
        handled,
        ...(handled ? {} : { status: 'ignored' as const }),
      });
      request.logDetails = { trigger, eventId: stored?.id, duplicate: !stored };
      return stored ? { received: true } : { received: true, duplicate: true };
    },
  );
};

function parseEnvelope(raw: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('Invalid webhook payload');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badRequest('Invalid webhook payload');
  const envelope = parsed as Record<string, unknown>;
  if (typeof envelope.triggerEvent !== 'string' || !envelope.triggerEvent) throw badRequest('Invalid webhook payload');
  return envelope;
}

export default webhookRoutes;
