import t from 'tap';
import { Agent } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { insertBooking, insertMentor, loggedInAdmin, loggedInMentee, loggedInMentor } from '../helpers/bookings.js';

t.test('mentee booking lists: own only, each with the full mentor row', async (t) => {
  const { app, db } = await startApp(t);
  const { mentee, agent } = await loggedInMentee(app, db, { email: 'sam+tag@example.com' });
  const { mentee: other, agent: otherAgent } = await loggedInMentee(app, db);
  const { agent: mentorAgent } = await loggedInMentor(app, db);
  const mentor = await insertMentor(db, { name: 'Layla' });
  const old = await insertBooking(db, {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    status: 'completed',
    created_at: new Date('2026-01-01T00:00:00Z'),
  });
  const recent = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, status: 'accepted' });
  await insertBooking(db, { mentor_id: mentor.id, mentee_id: other.id });

  const byId = await agent.get(`/api/mentee/${mentee.id}/bookings`);
  t.equal(byId.statusCode, 200);
  t.same(
    byId.json().map((row: { id: string }) => row.id),
    [recent.id, old.id],
  );
  const embedded = byId.json()[0].mentor;
  t.equal(embedded.id, mentor.id);
  t.equal(embedded.cal_link, mentor.cal_link, 'the Cal embed trigger needs it');
  t.equal(embedded.average_rating, '0.00', 'numeric stays a string');
  t.match(embedded.updated_at, /Z$/);
  const { email_verified_at: _internal, ...columns } = mentor;
  t.equal(Object.keys(embedded).length, Object.keys(columns).length, 'every mentor column but email_verified_at');

  const filtered = await agent.get(`/api/mentee/${mentee.id}/bookings?status=accepted`);
  t.same(
    filtered.json().map((row: { id: string }) => row.id),
    [recent.id],
  );
  t.equal((await agent.get(`/api/mentee/${mentee.id}/bookings?status=nope`)).statusCode, 400);

  const byEmail = await agent.get('/api/mentees/SAM+tag@example.com/bookings');
  t.equal(byEmail.statusCode, 200, 'unencoded email in the path, any case');
  t.equal(byEmail.json().length, 2);
  t.equal(byEmail.json()[0].mentor.name, 'Layla');

  for (const url of [`/api/mentee/${mentee.id}/bookings`, '/api/mentees/sam+tag@example.com/bookings']) {
    t.equal((await new Agent(app).get(url)).statusCode, 401, url);
    t.equal((await otherAgent.get(url)).statusCode, 403, url);
    t.equal((await mentorAgent.get(url)).statusCode, 403, url);
  }
  const admin = await loggedInAdmin(app, db);
  t.equal((await admin.get(`/api/mentee/${mentee.id}/bookings`)).statusCode, 200);
  t.equal((await admin.get('/api/mentee/ghost/bookings')).statusCode, 404);
  const unknown = await admin.get('/api/mentees/ghost@example.com/bookings');
  t.same([unknown.statusCode, unknown.json().message], [404, 'Mentee not found']);
});
