import type { Locale } from '@mentorconnect/db/schema';
import { type LinkOutcome, linkOutcomeCopy } from '@mentorconnect/shared/pages/link-outcomes';
import { renderLinkPage } from '@mentorconnect/shared/pages/link-page';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestLocale } from './request-locale.js';

/** A browser following a link asks for HTML; anything else (a script, a test) gets the API's JSON. */
const wantsPage = (request: FastifyRequest) => request.headers.accept?.includes('text/html') ?? false;

/**
 * Answers a followed email link with the page that says what happened, in the language of the person the link
 * was for when known (their account's), else the browser's. Non-browser callers get the same words as
 * `{message}`, with the same status.
 */
export function sendLinkPage(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: LinkOutcome,
  ownerLocale: Locale | undefined,
) {
  const locale = ownerLocale ?? requestLocale(request);
  const copy = linkOutcomeCopy(outcome, locale);
  if (!wantsPage(request)) {
    return reply.code(copy.status).send({ message: [`${copy.title}.`, ...copy.paragraphs].join(' ') });
  }
  return reply
    .code(copy.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderLinkPage(copy, locale, request.server.config.APP_URL));
}
