import type { Db } from '@mentorconnect/db/database';
import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { Agent, STRONG_PASSWORD } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import {
  emailJobs,
  GOAL,
  insertBooking,
  insertMentee,
  loggedInMentee,
  loggedInMentor,
  notificationsFor,
} from '../helpers/bookings.js';
import { png } from '../helpers/images.js';
import { fileUpload } from '../helpers/multipart.js';
import { localTestStorage } from '../helpers/storage.js';

const MENTEE_NAME = 'Zainab Quietly-Unique';
const MENTEE_EMAIL = 'zainab.unique@example.com';

/** Every row of every public table whose text mentions `needle`, as "table: row". */
async function rowsMentioning(db: Db, needle: string) {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'legacy_value_mappings'`.execute(db);
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`
      select t::text as row from ${sql.table(name)} t where lower(t::text) like ${`%${needle.toLowerCase()}%`}`.execute(
      db,
    );
    found.push(...rows.map((row) => `${name}: ${row.row}`));
  }
  return found;
}

async function scenario(t: Test) {
  const storage = await localTestStorage(t);
  const context = await startApp(t, storage.env);
  const { app, db } = context;
  const { agent: mentorAgent, mentor } = await loggedInMentor(app, db, { name: 'Mentor Keeps History' });
  const { mentor: otherMentor } = await loggedInMentor(app, db, { name: 'Other Mentor' });
  const { agent, mentee, user } = await loggedInMentee(app, db, { name: MENTEE_NAME, email: MENTEE_EMAIL });
  const photo = fileUpload(png());
  const upload = await agent.post('/api/uploads', photo.payload, photo.headers);
  t.equal(upload.statusCode, 200);
  const photoUrl = upload.json().url as string;
  await db.updateTable('mentees').set({ photo_url: photoUrl }).where('id', '=', mentee.id).execute();

  const completed = await insertBooking(db, {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    status: 'completed',
    goal: `${MENTEE_NAME} wants to learn`,
    scheduled_at: new Date('2026-10-01T10:00:00Z'),
    completed_at: new Date('2026-10-01T11:00:00Z'),
    mentee_rating: 5,
    mentee_feedback: 'Great session',
    mentor_rating: 4,
    mentor_feedback: 'Well prepared',
  });
  await db
    .insertInto('booking_notes')
    .values([
      { booking_id: completed.id, author_type: 'mentee', author_email: MENTEE_EMAIL, content: 'My private note' },
      { booking_id: completed.id, author_type: 'mentor', author_email: mentor.email, content: 'Mentor note' },
    ])
    .execute();
  await db
    .insertInto('notifications')
    .values({
      recipient_email: mentor.email,
      recipient_type: 'mentor',
      type: 'feedback_received',
      title: 'New Feedback Received',
      message: `${MENTEE_NAME} has left you feedback.`,
      booking_id: completed.id,
    })
    .execute();
  const request = await agent.post('/api/bookings/request', { mentor_id: otherMentor.id, goal: GOAL });
  t.equal(request.statusCode, 201);
  const stranger = await insertMentee(db, { name: 'Stranger Person', email: 'stranger@example.com' });
  await insertBooking(db, { mentor_id: mentor.id, mentee_id: stranger.id, status: 'completed', goal: 'Stranger goal' });
  return { ...context, storage, agent, mentorAgent, mentor, otherMentor, mentee, user, completed, photoUrl };
}

t.test('the export holds the user’s data and no one else’s', async (t) => {
  const { app, agent, mentee, completed } = await scenario(t);
  const response = await agent.get('/api/auth/export');
  t.equal(response.statusCode, 200);
  t.equal(response.headers['cache-control'], 'no-store');
  const data = response.json();
  t.equal(data.account.email, MENTEE_EMAIL);
  t.notOk('password' in data.account);
  t.equal(data.profile.id, mentee.id);
  t.equal(data.bookings.length, 2);
  t.ok(data.bookings.some((booking: { id: string }) => booking.id === completed.id));
  t.same(
    data.notes.map((note: { content: string }) => note.content),
    ['My private note'],
  );
  t.same(data.feedback.given, [{ booking_id: completed.id, rating: 5, feedback: 'Great session' }]);
  t.same(data.feedback.received, [{ booking_id: completed.id, rating: 4, feedback: 'Well prepared' }]);
  t.equal(data.uploads.length, 1);
  const text = response.body;
  t.notMatch(text, /Stranger/, 'no other mentee');
  t.notMatch(text, /Mentor note/, 'no other author’s notes');
  t.notMatch(text, /\$argon2/, 'no secrets');
  t.equal((await new Agent(app).get('/api/auth/export')).statusCode, 401);
});

t.test('deleting the account leaves nothing that identifies the person; the mentor’s history stays', async (t) => {
  const s = await scenario(t);
  const wrong = await s.agent.request('DELETE', '/api/auth/account', { password: 'not-my-password' });
  t.equal(wrong.statusCode, 403);
  t.ok(await s.db.selectFrom('users').select('id').where('id', '=', s.user.id).executeTakeFirst(), 'nothing changed');
  t.equal((await s.agent.request('DELETE', '/api/auth/account', {})).statusCode, 400);

  const deleted = await s.agent.request('DELETE', '/api/auth/account', { password: STRONG_PASSWORD });
  t.equal(deleted.statusCode, 200);
  t.same(deleted.json(), { message: 'Account deleted' });
  t.equal((await s.agent.get('/api/auth/me')).statusCode, 401, 'session gone');
  t.equal(
    (await new Agent(s.app).post('/api/auth/login', { email: MENTEE_EMAIL, password: STRONG_PASSWORD })).statusCode,
    401,
  );

  t.same(await rowsMentioning(s.db, MENTEE_EMAIL), [], 'no row holds the email');
  t.same(await rowsMentioning(s.db, MENTEE_NAME), [], 'no row holds the name');
  t.same(await rowsMentioning(s.db, 'My private note'), [], 'their notes are gone');
  t.same(await s.storage.listKeys(), [], 'their files are deleted from storage');
  t.same(await s.db.selectFrom('uploads').select('key').execute(), []);

  const history = (await s.mentorAgent.get(`/api/mentor/${s.mentor.id}/bookings`)).json();
  const kept = history.find((booking: { id: string }) => booking.id === s.completed.id);
  t.ok(kept, 'the mentor still sees the completed session');
  t.equal(kept.status, 'completed');
  t.equal(kept.mentee_rating, 5, 'ratings stay');
  const feedback = (await s.mentorAgent.get(`/api/mentor/${s.mentor.id}/feedback`)).json();
  t.equal(feedback[0].mentee.name, 'Deleted user', 'the mentee is anonymised');

  const withdrawn = await s.db
    .selectFrom('bookings')
    .select('status')
    .where('mentor_id', '=', s.otherMentor.id)
    .executeTakeFirstOrThrow();
  t.equal(withdrawn.status, 'canceled', 'the open request was withdrawn');
  const otherNotices = await notificationsFor(s.db, s.otherMentor.email);
  t.ok(
    otherNotices.some((n) => n.type === 'booking_canceled'),
    'the other mentor was notified',
  );
  t.ok((await emailJobs(s.db)).some((job) => job.template === 'booking_canceled' && job.to === s.otherMentor.email));
});
