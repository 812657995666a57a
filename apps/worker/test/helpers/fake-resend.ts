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
 * A local stand-in for Resend's POST /emails and POST /emails/batch. Like Resend it accepts each
 * Idempotency-Key once: a repeated key answers with the first email's id and sends nothing new. `sent` holds the emails actually "sent";
 * `requests` every request that arrived. Planned answers are used in order, then 200. With `perSecond`,
 * it enforces Resend's team rate limit as Resend does: a bucket of that many requests refilled each second,
 * `ratelimit-*` headers on every answer, and 429 with `retry-after` when the bucket is empty.
 */
export class FakeResend {
  readonly requests: ResendRequest[] = [];
  /** Requests refused with 429 by the rate limit. */
  rateLimited = 0;
  /** Batch requests received. */
  batches = 0;
  private tokens: number;
  private refilledAt = performance.now();
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
  private readonly perSecond: number | undefined;

  constructor(perSecond?: number) {
    this.perSecond = perSecond;
    this.tokens = perSecond ?? 0;
  }

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
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const key = header(request, 'idempotency-key');
    const authorization = header(request, 'authorization');
    // A batch (POST /emails/batch) is recorded as its emails, each keyed by the request's key and its place.
    const batch = request.url?.startsWith('/emails/batch') ?? false;
    const recorded: ResendRequest[] = batch
      ? (body as ResendRequest['body'][]).map((email, index) => ({
          idempotencyKey: key && `${key}#${index}`,
          authorization,
          body: email,
        }))
      : [{ idempotencyKey: key, authorization, body }];
    this.requests.push(...recorded);
    if (batch) this.batches += 1;
    const limit = this.takeToken();
    if (limit && !limit.allowed) {
      this.rateLimited += 1;
      return {
        status: 429,
        headers: limit.headers,
        body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' },
      };
    }
    const planned = this.plan.shift() ?? { status: 200 };
    const accepted = planned.status < 300;
    // The email is sent as soon as the request is accepted, even if the answer never reaches the client.
    const ids = accepted ? recorded.map((email) => ({ id: this.accept(email) })) : [];
    if (planned.delayMs) await new Promise((resolve) => setTimeout(resolve, planned.delayMs));
    const answer = accepted
      ? batch
        ? { data: ids }
        : ids[0]
      : (planned.body ?? { statusCode: planned.status, name: 'application_error', message: `fake ${planned.status}` });
    return { status: planned.status, headers: { ...limit?.headers, ...planned.headers }, body: answer };
  }

  private takeToken(): { allowed: boolean; headers: Record<string, string> } | undefined {
    if (!this.perSecond) return undefined;
    const now = performance.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const secondsFor = (tokens: number) => Math.max(0, Math.ceil((tokens / this.perSecond!) * 1000) / 1000);
    const headers: Record<string, string> = {
      'ratelimit-limit': String(this.perSecond),
      'ratelimit-remaining': String(Math.floor(this.tokens)),
      'ratelimit-reset': String(Math.ceil(secondsFor(this.perSecond - this.tokens))),
    };
    if (!allowed) headers['retry-after'] = String(Math.ceil(secondsFor(1 - this.tokens)));
    return { allowed, headers };
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
