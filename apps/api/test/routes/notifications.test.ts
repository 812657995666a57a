import type { Db } from '@mentorconnect/db/database';
import t from 'tap';
import { Agent, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { followVerificationLink } from '../helpers/verification.js';

async function notify(db: Db, recipient: string, title: string, createdAt: string) {
  return db
    .insertInto('notifications')
    .values({
      recipient_email: recipient,
      recipient_type: 'mentee',
      type: 'booking_accepted',
      title,
      message: `${title} message`,
      created_at: createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

t.test('an inbox is read, counted and marked only by the owner of its email (any case)', async (t) => {
  const { app, db } = await startApp(t);
  const { agent: owner } = await signUp(app, 'Inbox.Owner+x@example.com');
  const { agent: other } = await signUp(app, 'other@example.com');
  const older = await notify(db, 'inbox.owner+x@example.com', 'Older', '2026-01-01T10:00:00Z');
  const newer = await notify(db, 'INBOX.OWNER+X@EXAMPLE.COM', 'Newer', '2026-01-02T10:00:00Z');
  const foreign = await notify(db, 'other@example.com', 'Not yours', '2026-01-03T10:00:00Z');

  const inbox = '/api/notifications/inbox.owner+x@example.com';
  t.same((await owner.get(inbox)).json(), [], 'nothing filed under the address before it is proven');
  t.same((await owner.get(`${inbox}/unread-count`)).json(), { count: 0 });
  await followVerificationLink(app, db, 'Inbox.Owner+x@example.com');
  t.equal((await new Agent(app).get(inbox)).statusCode, 401);
  t.equal((await other.get(inbox)).statusCode, 403);
  t.equal((await new Agent(app).get(`${inbox}/unread-count`)).statusCode, 401);
  t.equal((await other.get(`${inbox}/unread-count`)).statusCode, 403);

  const list = await owner.get(inbox);
  t.equal(list.statusCode, 200);
  t.same(
    list.json().map((row: { title: string }) => row.title),
    ['Newer', 'Older'],
    'newest first, any case of the address',
  );
  t.same(list.json()[1], {
    id: older.id,
    recipient_email: 'inbox.owner+x@example.com',
    recipient_type: 'mentee',
    type: 'booking_accepted',
    title: 'Older',
    message: 'Older message',
    booking_id: null,
    is_read: false,
    created_at: '2026-01-01T10:00:00.000Z',
  });
  t.same((await owner.get(`${inbox}/unread-count`)).json(), { count: 2 });

  // The bell sends these PATCHes with no body and no content type.
  t.equal((await new Agent(app).patch(`/api/notifications/${newer.id}/read`)).statusCode, 401);
  t.equal((await other.patch(`/api/notifications/${newer.id}/read`)).statusCode, 403);
  t.equal((await owner.patch(`/api/notifications/${foreign.id}/read`)).statusCode, 403);
  const missing = await owner.patch('/api/notifications/no-such-id/read');
  t.equal(missing.statusCode, 404);
  t.same(missing.json(), { message: 'Notification not found' });
  const read = await owner.patch(`/api/notifications/${newer.id}/read`);
  t.equal(read.statusCode, 200);
  t.match(read.json(), { id: newer.id, is_read: true });
  t.same((await owner.get(`${inbox}/unread-count`)).json(), { count: 1 });

  t.equal((await other.patch(`${inbox}/mark-all-read`)).statusCode, 403);
  t.same((await owner.get(`${inbox}/unread-count`)).json(), { count: 1 }, 'the refused call changed nothing');
  const all = await owner.patch('/api/notifications/INBOX.owner+x@example.com/mark-all-read');
  t.equal(all.statusCode, 200);
  t.same(all.json(), { message: 'All notifications marked as read' });
  t.same((await owner.get(`${inbox}/unread-count`)).json(), { count: 0 });
  t.equal((await owner.patch(`${inbox}/mark-all-read`)).statusCode, 200, 'also when nothing is unread');
  const stillUnread = await db
    .selectFrom('notifications')
    .select('is_read')
    .where('id', '=', foreign.id)
    .executeTakeFirstOrThrow();
  t.equal(stillUnread.is_read, false, "someone else's inbox is untouched");
});
