import fp from 'fastify-plugin';

/**
 * One log line per request, written when it is answered, with the request, the status and the time taken.
 * Fastify's own request logging writes two (on arrival and on completion), and log writes were the largest
 * single cost of a cheap request.
 */
export default fp(
  async (app) => {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    });
  },
  { name: 'request-log' },
);
