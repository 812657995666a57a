import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { createOutboxSender } from '../../src/email/outbox-sender.js';

t.test('without RESEND_API_KEY, emails land in the outbox folder, once per idempotency key', async (t) => {
  const directory = await mkdtemp(path.join(tmpdir(), 'mc-outbox-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const sender = createOutboxSender(path.join(directory, 'outbox'));
  const email = {
    template: 'password_reset' as const,
    from: 'MentorConnect <team@example.test>',
    to: 'mia@example.test',
    subject: 'Réinitialiser — إعادة',
    html: '<p>Hello</p>',
    text: 'Hello',
    idempotencyKey: 'password_reset:abc/def',
  };
  const { id } = await sender.send(email);
  await sender.send(email);
  t.match(id, /password_reset-password_reset_abc_def\.eml$/);
  t.same((await readdir(path.join(directory, 'outbox'))).sort(), [
    'password_reset-password_reset_abc_def.eml',
    'password_reset-password_reset_abc_def.html',
  ]);
  const eml = await readFile(id, 'utf8');
  t.match(eml, /^From: MentorConnect <team@example\.test>\r\nTo: mia@example\.test\r\nSubject: =\?UTF-8\?B\?/);
  t.match(eml, /multipart\/alternative/);
  t.equal(await readFile(id.replace(/\.eml$/, '.html'), 'utf8'), '<p>Hello</p>');
});
