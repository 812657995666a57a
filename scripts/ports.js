// Ports for what `npm run dev` and `npm test` start: the usual one when it is free, otherwise one the system
// picks, so a second checkout on the same machine never collides with the first.
import net from 'node:net';

function listenOnce(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** `preferred` when nothing listens on it, otherwise a free port. */
export async function freePort(preferred = 0) {
  return (preferred && (await listenOnce(preferred))) || (await listenOnce(0));
}
