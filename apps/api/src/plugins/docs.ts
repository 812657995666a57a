import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** The OpenAPI document, generated from every route's schemas: /docs/json, with a page at /docs. */
export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: 'MentorConnect API',
          version: '1.0.0',
          description: 'The REST API the MentorConnect frontend calls.',
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mentor.sid' } },
        },
      },
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  },
  { name: 'docs' },
);
