import { type FastifyInstance, LogController } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * What the route adds to its request's one log line (its outcome), instead of a line of its own: ids,
     * kinds and flags only, never an address or a token (it skips the request serialiser's scrubbing).
     */
    logDetails: Record<string, string | number | boolean | undefined> | undefined;
  }
}

export function decorateLogDetails(app: FastifyInstance): void {
  app.decorateRequest('logDetails', undefined);
}

/**
 * One log line per request, written when it is answered, with the request, the status and the time taken.
 * Fastify's own controller writes two (on arrival and on completion), and log writes were the largest single
 * cost of a cheap request. Errored requests keep their error level.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: Parameters<LogController['requestCompleted']>[1],
    reply: Parameters<LogController['requestCompleted']>[2],
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { ...request.logDetails, req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
