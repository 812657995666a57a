import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@mentorconnect/db/database';
import { holdSends, reserveSendSlot } from '@mentorconnect/db/queries/send-pacing';
import { type EmailSender, TransientEmailError } from '@mentorconnect/shared/email/sender';

const PROVIDER = 'resend';
/** 429s one job absorbs (waiting as told) before it hands the email back to pg-boss's backoff. */
const RATE_LIMITED_ATTEMPTS = 3;
/** A 429 without Retry-After still holds every machine back this long. */
const DEFAULT_HOLD_SECONDS = 1;

/**
 * Spaces the requests (single or batch) of every worker machine to `perSecond` in all, through one
 * PostgreSQL row (an in-process counter would allow that rate per machine). A 429's wait (Retry-After, or
 * the `ratelimit-reset` of an exhausted window) holds every machine back; the rate-limited request is sent
 * again after it, a few times, within its job.
 */
export function createPacedSender(sender: EmailSender, db: Db, perSecond: number): EmailSender {
  const intervalMs = 1000 / perSecond;
  async function paced<T>(request: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      await waitForSlot(await reserveSendSlot(db, PROVIDER, intervalMs), signal);
      try {
        return await request();
      } catch (error) {
        if (!(error instanceof TransientEmailError && error.rateLimited)) throw error;
        await holdSends(db, PROVIDER, error.retryAfterSeconds || DEFAULT_HOLD_SECONDS);
        if (attempt >= RATE_LIMITED_ATTEMPTS || signal?.aborted) throw error;
      }
    }
  }
  const { sendBatch } = sender;
  return {
    send: (email, options = {}) => paced(() => sender.send(email, options), options.signal),
    ...(sendBatch && {
      sendBatch: (emails, options) => paced(() => sendBatch.call(sender, emails, options), options.signal),
    }),
  };
}

async function waitForSlot(waitMs: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    if (waitMs > 0) await sleep(waitMs, undefined, signal ? { signal } : {});
    signal?.throwIfAborted();
  } catch {
    throw new TransientEmailError('aborted while waiting for a send slot');
  }
}
