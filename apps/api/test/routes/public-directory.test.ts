import { seedDemoData } from '@mentorconnect/db/seed';
import { sql } from 'kysely';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { Agent } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { createMentee, createMentor } from '../helpers/people.js';

interface MentorJson {
  id: string;
  name: string;
}

const names = (response: { json(): unknown }) => (response.json() as MentorJson[]).map((mentor) => mentor.name);

t.test('the page kept for visitors follows every committed change, made by any process or by hand', async (t) => {
  const { app, db } = await startApp(t);
  await seedDemoData(db);
  const other = await buildApp({ config: app.config });
  await other.ready();
  t.teardown(() => other.close());
  const visitor = new Agent(app);
  const visitorOfOther = new Agent(other);
  const [first] = (await visitor.get('/api/mentors')).json() as MentorJson[];
  t.equal(names(await visitorOfOther.get('/api/mentors')).length, 7, 'both processes keep the page');

  await sql`update mentors set name = 'Renamed By Hand' where id = ${first!.id}`.execute(db);
  t.ok(names(await visitor.get('/api/mentors')).includes('Renamed By Hand'), 'a change in SQL is seen at once');

  await createMentor(other, 'newcomer.mentor@example.com', { name: 'Newcomer Through Other' });
  t.ok(
    names(await visitor.get('/api/mentors')).includes('Newcomer Through Other'),
    'a mentor created through the other process is listed by this one',
  );

  const renaming = db.transaction().execute(async (trx) => {
    await sql`update mentors set name = 'Not Yet Committed' where id = ${first!.id}`.execute(trx);
    const during = names(await visitor.get('/api/mentors'));
    t.notOk(during.includes('Not Yet Committed'), 'an uncommitted change is not listed');
    t.ok(during.includes('Renamed By Hand'));
  });
  await renaming;
  t.ok(names(await visitor.get('/api/mentors')).includes('Not Yet Committed'), 'once committed, it is');

  await sql`delete from mentors where id = ${first!.id}`.execute(db);
  t.notOk(names(await visitor.get('/api/mentors')).includes('Not Yet Committed'), 'a deleted mentor leaves');
  t.equal(names(await visitorOfOther.get('/api/mentors?limit=3')).length, 3, 'each page is kept on its own');
  await sql`truncate mentors cascade`.execute(db);
  t.same(names(await visitorOfOther.get('/api/mentors')), [], 'truncating empties it');
  t.same(names(await visitorOfOther.get('/api/mentors?limit=3')), []);
});

t.test('a kept page is reused, says exactly what the uncached answer says, and only visitors get it', async (t) => {
  const { app, db } = await startApp(t);
  await seedDemoData(db);
  const visitor = new Agent(app);
  const { agent: mentee } = await createMentee(app, 'browsing.mentee@example.com');
  const kept = await visitor.get('/api/mentors');
  t.equal(kept.headers['content-type'], 'application/json; charset=utf-8');
  t.same(kept.json(), (await mentee.get('/api/mentors')).json(), 'the same as a viewer without access sees');
  const [first] = kept.json() as MentorJson[];
  const page = '/api/mentors?expertise=product management&limit=5';
  const keptPage = names(await visitor.get(page));

  // With the version's trigger off, a change leaves the version alone: only a kept page can still show the
  // old name. Searches and signed-in viewers query every time.
  await sql`alter table mentors disable trigger mentors_directory_version`.execute(db);
  await sql`update mentors set name = 'Silently Renamed' where id = ${first!.id}`.execute(db);
  t.equal((await visitor.get('/api/mentors')).body, kept.body, 'the visitor gets the kept page, byte for byte');
  t.same(names(await visitor.get(page)), keptPage);
  t.same(names(await visitor.get(`/api/mentors?search=Silently`)), ['Silently Renamed'], 'a search queries');
  t.ok(names(await mentee.get('/api/mentors')).includes('Silently Renamed'), 'a signed-in viewer queries');
  await sql`alter table mentors enable trigger mentors_directory_version`.execute(db);
});
