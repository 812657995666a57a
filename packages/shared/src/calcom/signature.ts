import { createHmac, timingSafeEqual } from 'node:crypto';

/** What Cal.com sends in X-Cal-Signature-256 when the webhook has no secret: treated as unsigned. */
const UNSIGNED = 'no-secret-provided';

/**
 * X-Cal-Signature-256 is the lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the secret as
 * typed (no prefix, no base64). Compared in constant time, on the raw bytes before any parsing.
 */
export function isValidCalSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!secret || !header || header === UNSIGNED) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('hex'), 'utf8');
  const received = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

export function signCalBody(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}
