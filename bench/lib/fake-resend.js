// A local stand-in for the Resend API (RESEND_BASE_URL points the worker at it). Like Resend, a repeated
// Idempotency-Key gets the first answer again and sends nothing; each email is recorded once with its arrival time.
// Like Resend, it can enforce a team rate limit (`perSecond`: a bucket of that many requests refilled each second,
// `ratelimit-*` headers on every answer, 429 with `retry-after` past it), and it can hang: take requests and never
// answer them, as a provider in trouble does.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const ERROR_NAMES = { 429: 'rate_limit_exceeded', 500: 'internal_server_error', 503: 'service_unavailable' };

export async function startFakeResend({ latencyMs = 0, perSecond } = {}) {
  /** Idempotency-Key (or a generated id when none) -> {to, subject, receivedAt, id}. */
  const sent = new Map();
  /** Idempotency-Key (with `#index` for an email of a batch) -> the statuses it was refused with (during an outage). */
  const refused = new Map();
  const stats = { requests: 0, duplicates: 0, failures: 0, withoutKey: 0, rateLimited: 0, hung: 0, batches: 0 };
  let outage;
  let hangUntil;
  const limiter = perSecond ? tokenBucket(perSecond) : undefined;
  const waiters = new Set();

  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    stats.requests += 1;
    if (hangUntil !== undefined && performance.now() < hangUntil) {
      // Taken, never answered, never sent: the client's own timeout is all that ends it.
      stats.hung += 1;
      return;
    }
    if (latencyMs) await sleep(latencyMs);
    const limit = limiter?.take();
    const reply = (status, body, headers = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...limit?.headers, ...headers });
      response.end(JSON.stringify(body));
    };
    if (limit && !limit.allowed) {
      stats.rateLimited += 1;
      reply(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' });
      notify();
      return;
    }
    if (request.method !== 'POST' || !request.url?.startsWith('/emails')) {
      reply(404, { statusCode: 404, name: 'not_found', message: 'Not found' });
      return;
    }
    let payload;
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      reply(422, { statusCode: 422, name: 'validation_error', message: 'Invalid JSON' });
      return;
    }
    const batch = request.url.startsWith('/emails/batch');
    const emails = batch ? payload : [payload];
    const key = request.headers['idempotency-key'];
    // Each email of a batch is known by the request's key and its place in the batch.
    const keyOf = (index) => (key ? (batch ? `${key}#${index}` : key) : randomUUID());
    if (outage && (outage.until === undefined || performance.now() < outage.until)) {
      stats.failures += 1;
      for (const emailKey of emails.map((_, index) => keyOf(index))) {
        if (key) refused.set(emailKey, [...(refused.get(emailKey) ?? []), outage.status]);
      }
      const headers = outage.retryAfterSeconds ? { 'retry-after': String(outage.retryAfterSeconds) } : {};
      reply(
        outage.status,
        { statusCode: outage.status, name: ERROR_NAMES[outage.status] ?? 'error', message: 'fake outage' },
        headers,
      );
      notify();
      return;
    }
    if (batch) stats.batches += 1;
    if (!key) stats.withoutKey += 1;
    const results = emails.map((email, index) => {
      const emailKey = keyOf(index);
      const existing = sent.get(emailKey);
      if (existing) {
        stats.duplicates += 1;
        return { id: existing.id };
      }
      const record = {
        id: randomUUID(),
        key: emailKey,
        to: Array.isArray(email.to) ? email.to.join(',') : email.to,
        subject: email.subject,
        receivedAt: performance.now(),
      };
      sent.set(emailKey, record);
      return { id: record.id };
    });
    reply(200, batch ? { data: results } : results[0]);
    notify();
  });
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    refused,
    stats,
    /** Answers `status` to every email for `forMs` (or until `recover()`); 429 comes with Retry-After. */
    fail(status, { forMs, retryAfterSeconds } = {}) {
      outage = { status, until: forMs === undefined ? undefined : performance.now() + forMs, retryAfterSeconds };
    },
    recover() {
      outage = undefined;
    },
    /** Takes every request for `forMs` without ever answering it. */
    hang(forMs) {
      hangUntil = performance.now() + forMs;
    },
    /** Resolves once `predicate(sent, refused)` holds (checked after each request); rejects after `timeoutMs`. */
    waitFor(predicate, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(sent, refused)) return;
          cleanup();
          resolve(sent);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Resend: condition not met after ${timeoutMs} ms (${sent.size} emails received)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resend's rate limit: `perSecond` requests, refilled continuously; the headers Resend sends with each answer. */
function tokenBucket(perSecond) {
  let tokens = perSecond;
  let refilledAt = performance.now();
  return {
    take() {
      const now = performance.now();
      tokens = Math.min(perSecond, tokens + ((now - refilledAt) / 1000) * perSecond);
      refilledAt = now;
      const allowed = tokens >= 1;
      if (allowed) tokens -= 1;
      const headers = {
        'ratelimit-limit': String(perSecond),
        'ratelimit-remaining': String(Math.floor(tokens)),
        'ratelimit-reset': String(Math.ceil((perSecond - tokens) / perSecond)),
      };
      if (!allowed) headers['retry-after'] = String(Math.ceil((1 - tokens) / perSecond));
      return { allowed, headers };
    },
  };
}
