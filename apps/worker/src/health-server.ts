import { createServer, type Server } from 'node:http';

/** GET /health: the process is alive. GET /ready: the database and the queue answer (503 when not). */
export function startHealthServer(
  options: { host: string; port: number },
  isReady: () => Promise<boolean>,
): Promise<Server> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: { status: string }) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = request.url?.split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, { status: 'method not allowed' });
    if (path === '/health') return reply(200, { status: 'ok' });
    if (path === '/ready') {
      isReady().then(
        (ready) => reply(ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' }),
        () => reply(503, { status: 'unavailable' }),
      );
      return;
    }
    reply(404, { status: 'not found' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
