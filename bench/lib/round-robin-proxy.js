// A small HTTP load balancer for the scale-out fault test: each request goes to the next target in turn, as a
// proxy in front of several API machines sends it. It forwards method, path, headers and body as they are.
import { Agent, createServer, request as forward } from 'node:http';

export async function startRoundRobinProxy(targets) {
  const agent = new Agent({ keepAlive: true });
  const hits = targets.map(() => 0);
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next;
    next = (next + 1) % targets.length;
    hits[index] += 1;
    const target = new URL(targets[index]);
    const upstream = forward(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Requests sent to each target, in the order of `targets`. */
    hits,
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
