import t from 'tap';
import { Agent } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { createAdmin, createMentee, createMentor, insertBooking, insertMentee } from '../helpers/people.js';

const currentMonth = () => new Date().toISOString().slice(0, 7);

t.test('dashboard: the contract fields, computed in SQL, for the mentor and admins only', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'dash@example.com');
  const other = await createMentor(app, 'other@example.com');
  const mentee = await createMentee(app, 'mentee@example.com');
  const admin = await createAdmin(app, db, 'admin@example.com');
  const url = `/api/mentor/${mentor.id}/dashboard`;

  const empty = await mentor.agent.get(url);
  t.equal(empty.statusCode, 200);
  t.same(empty.json(), {
    totalSessions: 0,
    completedSessions: 0,
    averageRating: 0,
    totalEarnings: 0,
    monthlyEarnings: 0,
    pendingBookings: 0,
    feedbackCount: 0,
  });

  const statuses = ['pending', 'pending', 'rejected', 'accepted', 'completed', 'completed', 'completed'] as const;
  const ratings = [undefined, undefined, undefined, undefined, 5, 4, 4];
  for (const [index, status] of statuses.entries()) {
    const someone = await insertMentee(db, `m${index}@example.com`);
    await insertBooking(db, { mentorId: mentor.id, menteeId: someone.id, status, menteeRating: ratings[index] });
  }
  const held = await insertMentee(db, 'held@example.com');
  await insertBooking(db, { mentorId: mentor.id, menteeId: held.id, heldForEmail: true });
  await insertBooking(db, { mentorId: other.id, menteeId: held.id, status: 'completed', menteeRating: 1 });
  await db
    .insertInto('mentor_earnings')
    .values([
      { mentor_id: mentor.id, amount: '10.50', payout_month: currentMonth() },
      { mentor_id: mentor.id, amount: 5, payout_month: '2001-01' },
      { mentor_id: other.id, amount: 100, payout_month: currentMonth() },
    ])
    .execute();

  const stats = await mentor.agent.get(url);
  t.same(stats.json(), {
    totalSessions: 7,
    completedSessions: 3,
    averageRating: 4.33,
    totalEarnings: 15.5,
    monthlyEarnings: 10.5,
    pendingBookings: 2,
    feedbackCount: 3,
  });
  t.same((await admin.get(url)).json(), stats.json(), 'admins may read');
  t.equal((await new Agent(app).get(url)).statusCode, 401);
  t.equal((await other.agent.get(url)).statusCode, 403);
  t.equal((await mentee.agent.get(url)).statusCode, 403);
  const missing = await admin.get('/api/mentor/no-such-mentor/dashboard');
  t.equal(missing.statusCode, 404);
  t.same(missing.json(), { message: 'Mentor not found' });
});

t.test(
  'tasks: create and update with enums, server-side completed_at and activity rows in the same transaction',
  async (t) => {
    const { app, db } = await startApp(t);
    const mentor = await createMentor(app, 'tasks@example.com');
    const other = await createMentor(app, 'other@example.com');
    const admin = await createAdmin(app, db, 'admin@example.com');
    const mentee = await insertMentee(db, 'linked@example.com');
    const booking = await insertBooking(db, { mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed' });
    const stranger = await insertMentee(db, 'stranger@example.com');
    const othersBooking = await insertBooking(db, { mentorId: other.id, menteeId: stranger.id });
    const tasksUrl = `/api/mentor/${mentor.id}/tasks`;
    const activity = () =>
      db
        .selectFrom('mentor_activity_log')
        .select(['activity_type', 'title', 'description', 'mentee_id', 'booking_id'])
        .where('mentor_id', '=', mentor.id)
        .orderBy('created_at')
        .execute();

    const taskBody = { title: 'Prepare notes', description: 'For Monday', priority: 'high', due_date: null };
    t.equal((await new Agent(app).post(tasksUrl, taskBody)).statusCode, 401);
    t.equal((await other.agent.post(tasksUrl, taskBody)).statusCode, 403);
    t.equal((await admin.post(tasksUrl, taskBody)).statusCode, 403, 'admins only read');
    for (const bad of [
      { description: 'no title' },
      { title: '' },
      { title: 'x', priority: 'urgent' },
      { title: 'x', status: 'bogus' },
      { title: 'x', due_date: 'tomorrow' },
      { title: 'x', due_date: '0000-01-01T00:00:00Z' },
      { title: 'nul \u0000 inside' },
      { title: 'x', booking_id: othersBooking.id },
      { title: 'x', mentee_id: stranger.id },
    ]) {
      const response = await mentor.agent.post(tasksUrl, bad);
      t.equal(response.statusCode, 400, JSON.stringify(bad));
      t.equal(response.json().message, 'Invalid task data');
    }
    t.equal((await db.selectFrom('mentor_tasks').select('id').execute()).length, 0, 'nothing written');
    t.same(await activity(), []);

    const created = await mentor.agent.post(tasksUrl, {
      ...taskBody,
      due_date: '2026-12-01T09:00:00.000Z',
      mentee_id: mentee.id,
      booking_id: booking.id,
    });
    t.equal(created.statusCode, 201);
    const task = created.json();
    t.match(task, {
      mentor_id: mentor.id,
      title: 'Prepare notes',
      status: 'pending',
      priority: 'high',
      due_date: '2026-12-01T09:00:00.000Z',
      completed_at: null,
      mentee_id: mentee.id,
      booking_id: booking.id,
    });
    const second = (await mentor.agent.post(tasksUrl, { title: 'Second' })).json();
    t.match(second, { priority: 'medium', status: 'pending', description: null, due_date: null });
    t.same(await activity(), [
      {
        activity_type: 'task_created',
        title: 'Task created',
        description: 'Prepare notes',
        mentee_id: mentee.id,
        booking_id: booking.id,
      },
      {
        activity_type: 'task_created',
        title: 'Task created',
        description: 'Second',
        mentee_id: null,
        booking_id: null,
      },
    ]);

    const listed = await mentor.agent.get(tasksUrl);
    t.same(
      listed.json().map((row: { id: string }) => row.id),
      [second.id, task.id],
      'newest first',
    );
    t.equal((await admin.get(tasksUrl)).statusCode, 200);
    t.equal((await other.agent.get(tasksUrl)).statusCode, 403);

    const taskUrl = `${tasksUrl}/${task.id}`;
    const stored = () => db.selectFrom('mentor_tasks').selectAll().where('id', '=', task.id).executeTakeFirstOrThrow();
    const before = await stored();
    // The previous server wrote first and checked ownership after.
    const hijack = await other.agent.patch(`/api/mentor/${other.id}/tasks/${task.id}`, { status: 'completed' });
    t.equal(hijack.statusCode, 403);
    t.same(hijack.json(), { message: 'Task does not belong to this mentor' });
    t.equal((await other.agent.patch(taskUrl, { status: 'completed' })).statusCode, 403);
    t.equal((await new Agent(app).patch(taskUrl, { status: 'completed' })).statusCode, 401);
    for (const bad of [
      { mentor_id: other.id },
      { status: 'bogus' },
      {},
      { priority: 'urgent' },
      { created_at: '2000-01-01T00:00:00Z' },
    ]) {
      const response = await mentor.agent.patch(taskUrl, bad);
      t.equal(response.statusCode, 400, JSON.stringify(bad));
    }
    t.same(await stored(), before, 'refused updates wrote nothing');
    const missing = await mentor.agent.patch(`${tasksUrl}/no-such-task`, { status: 'completed' });
    t.equal(missing.statusCode, 404);
    t.same(missing.json(), { message: 'Task not found' });

    // What TaskManager sends: the client's completed_at is ignored, the server stamps its own time.
    const done = await mentor.agent.patch(taskUrl, { status: 'completed', completed_at: '2000-01-01T00:00:00.000Z' });
    t.equal(done.statusCode, 200);
    t.equal(done.json().status, 'completed');
    t.ok(new Date(done.json().completed_at).getTime() > Date.parse('2020-01-01'), 'completed_at is now');
    t.ok(new Date(done.json().updated_at) > before.updated_at);
    const again = await mentor.agent.patch(taskUrl, { status: 'completed', completed_at: null });
    t.equal(again.json().completed_at, done.json().completed_at, 're-sending completed keeps the time');
    const completedRows = (await activity()).filter((row) => row.activity_type === 'task_completed');
    t.same(completedRows, [
      {
        activity_type: 'task_completed',
        title: 'Task completed',
        description: 'Prepare notes',
        mentee_id: mentee.id,
        booking_id: booking.id,
      },
    ]);

    const reopened = await mentor.agent.patch(taskUrl, { status: 'pending', completed_at: null });
    t.match(reopened.json(), { status: 'pending', completed_at: null });
    const renamed = await mentor.agent.patch(taskUrl, { title: 'Renamed', priority: 'low' });
    t.match(renamed.json(), { title: 'Renamed', priority: 'low', status: 'pending' });
  },
);

t.test('availability: validated, replaced in one transaction, answered in request order', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'slots@example.com');
  const other = await createMentor(app, 'other@example.com');
  const admin = await createAdmin(app, db, 'admin@example.com');
  const url = `/api/mentor/${mentor.id}/availability`;

  t.same((await mentor.agent.get(url)).json(), []);
  const slots = [
    { day_of_week: 3, start_time: '09:00', end_time: '17:00', is_active: true },
    { day_of_week: 0, start_time: '13:00', end_time: '15:00', is_active: false },
    { day_of_week: 0, start_time: '09:00', end_time: '12:00' },
  ];
  const saved = await mentor.agent.put(url, { slots });
  t.equal(saved.statusCode, 200);
  t.match(
    saved.json(),
    [
      { ...slots[0], mentor_id: mentor.id },
      { ...slots[1], mentor_id: mentor.id },
      { ...slots[2], is_active: true },
    ],
    'request order; is_active defaults to true',
  );
  const listed = (await mentor.agent.get(url)).json();
  t.same(
    listed.map((slot: { day_of_week: number; start_time: string }) => `${slot.day_of_week} ${slot.start_time}`),
    ['0 09:00', '0 13:00', '3 09:00'],
    'GET is sorted by day, then time',
  );
  t.same((await admin.get(url)).json(), listed, 'admins may read');

  const badBodies: [unknown, string][] = [
    [{}, 'Slots must be an array'],
    [{ slots: 'monday' }, 'Slots must be an array'],
    [{ slots: [{ ...slots[0], day_of_week: 7 }] }, 'Invalid availability slot data'],
    [{ slots: [{ ...slots[0], day_of_week: 1.5 }] }, 'Invalid availability slot data'],
    [{ slots: [{ ...slots[0], start_time: '9:00' }] }, 'Invalid availability slot data'],
    [{ slots: [{ ...slots[0], end_time: '24:30' }] }, 'Invalid availability slot data'],
    [{ slots: [{ ...slots[0], start_time: 'bad' }] }, 'Invalid availability slot data'],
    [{ slots: [{ ...slots[0], start_time: '17:00', end_time: '09:00' }] }, 'Invalid availability slot data'],
    [{ slots: [{ ...slots[0], end_time: '09:00' }] }, 'Invalid availability slot data'],
    [{ slots: [slots[0], { ...slots[0], start_time: '16:00', end_time: '18:00' }] }, 'Invalid availability slot data'],
    [{ slots: Array.from({ length: 51 }, () => slots[0]) }, 'Invalid availability slot data'],
  ];
  for (const [body, message] of badBodies) {
    const response = await mentor.agent.put(url, body);
    t.equal(response.statusCode, 400, JSON.stringify(body).slice(0, 80));
    t.equal(response.json().message, message);
  }
  const missingBody = await mentor.agent.put(url);
  t.equal(missingBody.statusCode, 400);
  t.equal((await new Agent(app).put(url, { slots: [] })).statusCode, 401);
  t.equal((await other.agent.put(url, { slots: [] })).statusCode, 403);
  t.equal((await admin.put(url, { slots: [] })).statusCode, 403, 'admins only read');
  t.same((await mentor.agent.get(url)).json(), listed, 'refused replacements changed nothing');

  const concurrent = await Promise.all([
    mentor.agent.put(url, { slots: [slots[0]] }),
    mentor.agent.put(url, { slots: [slots[1], slots[2]] }),
  ]);
  t.same(
    concurrent.map((response) => response.statusCode),
    [200, 200],
  );
  const after = (await mentor.agent.get(url)).json();
  t.ok(after.length === 1 || after.length === 2, 'one replacement wins whole; the two never mix');

  const cleared = await mentor.agent.put(url, { slots: [] });
  t.same(cleared.json(), []);
  t.same((await mentor.agent.get(url)).json(), []);
});

t.test('earnings and activity: newest first; activity limit 1-200', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'reads@example.com');
  const other = await createMentor(app, 'other@example.com');
  await db
    .insertInto('mentor_earnings')
    .values([
      { mentor_id: mentor.id, amount: '12.00', payout_month: '2026-01', earned_at: '2026-01-05T00:00:00Z' },
      { mentor_id: mentor.id, amount: 30, payout_month: '2026-02', earned_at: '2026-02-05T00:00:00Z' },
    ])
    .execute();
  const earnings = await mentor.agent.get(`/api/mentor/${mentor.id}/earnings`);
  t.equal(earnings.statusCode, 200);
  t.match(earnings.json(), [
    {
      amount: '30.00',
      currency: 'USD',
      payout_month: '2026-02',
      payout_status: 'pending',
      earned_at: '2026-02-05T00:00:00.000Z',
    },
    { amount: '12.00', payout_month: '2026-01' },
  ]);
  t.equal((await other.agent.get(`/api/mentor/${mentor.id}/earnings`)).statusCode, 403);

  await db
    .insertInto('mentor_activity_log')
    .values(
      Array.from({ length: 60 }, (_, index) => ({
        mentor_id: mentor.id,
        activity_type: 'task_created' as const,
        title: `Activity ${index}`,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      })),
    )
    .execute();
  const url = `/api/mentor/${mentor.id}/activity`;
  const byDefault = (await mentor.agent.get(url)).json();
  t.equal(byDefault.length, 50);
  t.equal(byDefault[0].title, 'Activity 59', 'newest first');
  t.same(
    (await mentor.agent.get(`${url}?limit=2`)).json().map((row: { title: string }) => row.title),
    ['Activity 59', 'Activity 58'],
  );
  for (const query of ['?limit=0', '?limit=201', '?limit=abc', '?limit=1&limit=2']) {
    t.equal((await mentor.agent.get(`${url}${query}`)).statusCode, 400, query);
  }
  t.equal((await new Agent(app).get(url)).statusCode, 401);
  t.equal((await other.agent.get(url)).statusCode, 403);
});
