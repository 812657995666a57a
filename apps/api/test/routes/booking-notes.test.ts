import t from 'tap';
import { Agent } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { activitiesOf, insertBooking, loggedInAdmin, loggedInMentee, loggedInMentor } from '../helpers/bookings.js';

t.test('notes: participants only, author from the session, edits by the author only', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent, user: mentorUser } = await loggedInMentor(app, db);
  const { mentee, agent: menteeAgent, user: menteeUser } = await loggedInMentee(app, db);
  const { agent: strangerMentee } = await loggedInMentee(app, db);
  const { agent: strangerMentor } = await loggedInMentor(app, db);
  const booking = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, status: 'confirmed' });
  const otherBooking = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, status: 'completed' });
  const notes = `/api/bookings/${booking.id}/notes`;

  const task = await mentorAgent.post(notes, {
    booking_id: otherBooking.id,
    author_type: 'mentee',
    author_email: 'someone@else.com',
    note_type: 'task',
    content: 'Read the design doc',
    due_date: '2026-12-05T00:00:00.000Z',
  });
  t.equal(task.statusCode, 201);
  const created = task.json();
  t.equal(created.booking_id, booking.id, 'the booking comes from the path');
  t.equal(created.author_type, 'mentor', 'the author comes from the session');
  t.equal(created.author_email, mentorUser.email);
  t.equal(created.is_completed, false);
  t.equal(created.due_date, '2026-12-05T00:00:00.000Z');

  const reply = await menteeAgent.post(notes, { content: 'Thanks!', author_type: 'mentor' });
  t.equal(reply.statusCode, 201);
  t.equal(reply.json().author_type, 'mentee');
  t.equal(reply.json().author_email, menteeUser.email);
  t.equal(reply.json().note_type, 'note');

  const list = await menteeAgent.get(notes);
  t.equal(list.statusCode, 200);
  t.same(
    list.json().map((note: { id: string }) => note.id),
    [created.id, reply.json().id],
    'oldest first',
  );

  for (const [body, label] of [
    [{}, 'no content'],
    [{ content: '' }, 'empty content'],
    [{ content: 'x', note_type: 'memo' }, 'unknown note type'],
    [{ content: 'x', due_date: 'tomorrow' }, 'bad date'],
    [{ content: 'x', is_completed: 'yes' }, 'string boolean'],
    [{ content: 'x', id: 'chosen' }, 'unknown field'],
  ] as const) {
    const response = await mentorAgent.post(notes, body);
    t.same([response.statusCode, response.json().message], [400, 'Invalid note data'], label);
  }

  for (const agent of [strangerMentee, strangerMentor, await loggedInAdmin(app, db)]) {
    t.equal((await agent.get(notes)).statusCode, 403);
    t.equal((await agent.post(notes, { content: 'hi' })).statusCode, 403);
  }
  t.equal((await new Agent(app).get(notes)).statusCode, 401);
  t.equal((await mentorAgent.get('/api/bookings/ghost/notes')).statusCode, 404);

  const noteUrl = `${notes}/${created.id}`;
  t.equal((await menteeAgent.patch(noteUrl, { is_completed: true })).statusCode, 403, 'only the author edits');
  t.equal((await menteeAgent.delete(noteUrl)).statusCode, 403, 'only the author deletes');
  const wrongBooking = await mentorAgent.patch(`/api/bookings/${otherBooking.id}/notes/${created.id}`, {
    is_completed: true,
  });
  t.same([wrongBooking.statusCode, wrongBooking.json().message], [404, 'Note not found'], 'a note of another booking');
  for (const body of [{ booking_id: otherBooking.id }, { author_email: 'x@y.z' }, { note_type: 'note' }]) {
    t.equal((await mentorAgent.patch(noteUrl, body)).statusCode, 400, JSON.stringify(body));
  }

  const done = await mentorAgent.patch(noteUrl, { is_completed: true });
  t.equal(done.statusCode, 200);
  t.equal(done.json().is_completed, true);
  t.equal(done.json().booking_id, booking.id);
  const edited = await mentorAgent.patch(noteUrl, { content: 'Read the whole design doc', due_date: null });
  t.equal(edited.json().content, 'Read the whole design doc');
  t.equal(edited.json().due_date, null);
  t.equal(edited.json().is_completed, true);

  t.same(
    (await activitiesOf(db, mentor.id)).map((row) => row.activity_type),
    ['task_created', 'task_completed'],
  );

  t.equal((await mentorAgent.delete(`/api/bookings/${otherBooking.id}/notes/${created.id}`)).statusCode, 404);
  const deleted = await mentorAgent.delete(noteUrl);
  t.equal(deleted.statusCode, 204);
  t.equal(deleted.body, '');
  t.equal((await mentorAgent.delete(noteUrl)).statusCode, 404);
  t.equal((await menteeAgent.get(notes)).json().length, 1);
});
