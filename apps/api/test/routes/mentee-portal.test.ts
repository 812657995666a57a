import t from 'tap';
import { Agent } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { createAdmin, createMentee, createMentor, insertBooking } from '../helpers/people.js';

t.test('GET /api/mentee/:menteeId/stats: the contract counters, for the mentee and admins', async (t) => {
  const { app, db } = await startApp(t);
  const mentee = await createMentee(app, 'stats@example.com');
  const other = await createMentee(app, 'other@example.com');
  const first = await createMentor(app, 'first@example.com');
  const second = await createMentor(app, 'second@example.com');
  const third = await createMentor(app, 'third@example.com');
  const admin = await createAdmin(app, db, 'admin@example.com');
  const url = `/api/mentee/${mentee.id}/stats`;

  t.same((await mentee.agent.get(url)).json(), {
    totalSessions: 0,
    completedSessions: 0,
    upcomingSessions: 0,
    uniqueMentors: 0,
  });
  await insertBooking(db, { mentorId: first.id, menteeId: mentee.id, status: 'completed' });
  await insertBooking(db, { mentorId: first.id, menteeId: mentee.id, status: 'rejected' });
  await insertBooking(db, { mentorId: second.id, menteeId: mentee.id, status: 'confirmed' });
  await insertBooking(db, { mentorId: third.id, menteeId: mentee.id, heldForEmail: true });
  await insertBooking(db, { mentorId: third.id, menteeId: other.id, status: 'confirmed' });

  const stats = await mentee.agent.get(url);
  t.equal(stats.statusCode, 200);
  t.same(stats.json(), { totalSessions: 3, completedSessions: 1, upcomingSessions: 1, uniqueMentors: 2 });
  t.same((await admin.get(url)).json(), stats.json());
  t.equal((await new Agent(app).get(url)).statusCode, 401);
  t.equal((await other.agent.get(url)).statusCode, 403);
  t.equal((await first.agent.get(url)).statusCode, 403);
  const missing = await admin.get('/api/mentee/no-such-mentee/stats');
  t.equal(missing.statusCode, 404);
  t.same(missing.json(), { message: 'Mentee not found' });
});
