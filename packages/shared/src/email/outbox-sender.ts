import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingEmail } from './message.js';
import type { EmailSender } from './sender.js';

/**
 * Development without RESEND_API_KEY: each email becomes a .eml file (open it in any mail client) and an
 * .html file (open it in a browser), named after its idempotency key, so a retried job overwrites its own
 * file instead of adding a second email.
 */
export function createOutboxSender(directory: string): EmailSender {
  return {
    async send(email) {
      await mkdir(directory, { recursive: true });
      const base = path.resolve(directory, fileNameFor(email));
      await writeFile(`${base}.eml`, toEml(email));
      await writeFile(`${base}.html`, email.html);
      return { id: `${base}.eml` };
    },
  };
}

function fileNameFor(email: OutgoingEmail): string {
  return `${email.template}-${email.idempotencyKey.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}`;
}

function toEml(email: OutgoingEmail): string {
  const boundary = `mc-${Buffer.from(email.idempotencyKey).toString('hex').slice(0, 24)}`;
  const header = (value: string) => `=?UTF-8?B?${Buffer.from(value.replace(/[\r\n]+/g, ' ')).toString('base64')}?=`;
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(body).toString('base64').replace(/.{76}/g, '$&\r\n'),
    ].join('\r\n');
  return [
    `From: ${email.from.replace(/[\r\n]+/g, ' ')}`,
    `To: ${email.to.replace(/[\r\n]+/g, ' ')}`,
    `Subject: ${header(email.subject)}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    `X-Idempotency-Key: ${email.idempotencyKey.replace(/[\r\n]+/g, ' ')}`,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    part('text/plain', email.text),
    part('text/html', email.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
