import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResendRequest {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: { from: string; to: string[]; subject: string; html: string; text: string };
}

/** How the fake answers one request: a status (with optional body and headers) after an optional delay. */
export interface FakeAnswer {
  status: number;
  delayMs?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A local stand-in for Resend's POST /emails. Like Resend it accepts each Idempotency-Key once: a repeated
 * key answers with the first email's id and sends nothing new. `sent` holds the emails actually "sent";
 * `requests` every request that arrived. Planned answers are used in order, then 200.
 */
export class FakeResend {
  readonly requests: ResendRequest[] = [];
  readonly sent: ResendRequest[] = [];
  private readonly ids = new Map<string, string>();
  private readonly plan: FakeAnswer[] = [];
  private readonly server = createServer((request, response) => {
    void this.handle(request).then(({ status, headers, body }) => {
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    });
  });

  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next requests get these answers, in order. */
  answer(...answers: FakeAnswer[]): void {
    this.plan.push(...answers);
  }

  sentTo(email: string): ResendRequest[] {
    return this.sent.filter((request) => request.body.to.includes(email));
  }

  private async handle(request: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const recorded: ResendRequest = {
      idempotencyKey: header(request, 'idempotency-key'),
      authorization: header(request, 'authorization'),
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    };
    this.requests.push(recorded);
    const planned = this.plan.shift() ?? { status: 200 };
    const accepted = planned.status < 300;
    // The email is sent as soon as the request is accepted, even if the answer never reaches the client.
    const id = accepted ? this.accept(recorded) : undefined;
    if (planned.delayMs) await new Promise((resolve) => setTimeout(resolve, planned.delayMs));
    const body = accepted
      ? { id }
      : (planned.body ?? { statusCode: planned.status, name: 'application_error', message: `fake ${planned.status}` });
    return { status: planned.status, headers: planned.headers ?? {}, body };
  }

  private accept(request: ResendRequest): string {
    const key = request.idempotencyKey;
    const known = key ? this.ids.get(key) : undefined;
    if (known) return known;
    const id = randomUUID();
    if (key) this.ids.set(key, id);
    this.sent.push(request);
    return id;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
