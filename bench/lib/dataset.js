// The bench's data: the demo mentors, then a realistic population built with set-based SQL (generate_series),
// so 100,000 mentors take seconds, not minutes. Every bench user has the same password (one argon2 hash).
import { createDb, createPool } from '@mentorconnect/db/database';
import { seedDemoData } from '@mentorconnect/db/seed';
import { hashPassword } from '@mentorconnect/shared/passwords';
import { sql } from 'kysely';

export const BENCH_PASSWORD = 'bench-password-123';
/** Mentee accounts that can log in: mentee<N>@bench.example for N in 1..LOGIN_USERS. */
export const LOGIN_USERS = 2000;
const MENTEES = 10_000;
const SESSIONS_PER_USER = 5;
const BULK_BOOKINGS = 20_000;
export const PENDING_BOOKINGS = 25;

export const menteeEmail = (n) => `mentee${n}@bench.example`;

async function withDb(url, work) {
  const db = createDb(createPool({ connectionString: url, max: 2, applicationName: 'mentorconnect-bench' }, () => {}));
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Demo mentors, 10,000 mentees, 2,000 mentee accounts with 10,000 live sessions between them, 20,000 closed
 * bookings, and one mentor account (the first demo mentor) with PENDING_BOOKINGS pending requests.
 * Returns what the scenarios need: the mentor row, its account's id and email, and a mentee account's email.
 */
export async function seedBaseData(url) {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  return withDb(url, async (db) => {
    await seedDemoData(db);
    const mentor = await db.selectFrom('mentors').selectAll().orderBy('email').limit(1).executeTakeFirstOrThrow();
    await sql`insert into mentees (name, email, user_type, timezone, languages_spoken, areas_exploring, country)
      select 'Mentee ' || i, 'mentee' || i || '@bench.example', 'individual', 'Africa/Cairo',
        '{English,Arabic}', '{Career Development,Leadership}', 'Egypt'
      from generate_series(1, ${MENTEES}) as i`.execute(db);
    await sql`insert into users (email, password, user_type, profile_id, is_verified)
      select m.email, ${passwordHash}, 'mentee', m.id, true
      from mentees m
      where m.email in (select 'mentee' || i || '@bench.example' from generate_series(1, ${LOGIN_USERS}) as i)`.execute(
      db,
    );
    const mentorUser = await sql`insert into users (email, password, user_type, profile_id, is_verified)
      values (${mentor.email}, ${passwordHash}, 'mentor', ${mentor.id}, true) returning id`.execute(db);
    await sql`insert into sessions (sid, user_id, data, expires_at, absolute_expires_at)
      select md5(u.id || ':' || s), u.id,
        jsonb_build_object('userId', u.id, 'createdAt', 0, 'lastSeenAt', 0),
        now() + interval '7 days', now() + interval '30 days'
      from users u cross join generate_series(1, ${SESSIONS_PER_USER}) as s
      where u.user_type = 'mentee'`.execute(db);
    // Closed bookings spread over the demo mentors: (mentor, mentee) pairs never repeat.
    await sql`with mentor_list as (select array_agg(id order by email) as ids from mentors),
        mentee_list as (select array_agg(id order by email) as ids from mentees)
      insert into bookings (mentor_id, mentee_id, status, goal, mentee_rating, created_at, completed_at, clicked_at)
      select ml.ids[1 + i % array_length(ml.ids, 1)], me.ids[1 + i % array_length(me.ids, 1)],
        (array['completed', 'canceled', 'rejected'])[1 + i % 3], 'Career advice ' || i,
        case when i % 3 = 0 then 1 + i % 5 end,
        now() - (i || ' minutes')::interval, case when i % 3 = 0 then now() - (i || ' minutes')::interval end,
        now() - (i || ' minutes')::interval
      from generate_series(1, ${BULK_BOOKINGS}) as i, mentor_list ml, mentee_list me`.execute(db);
    await sql`insert into bookings (mentor_id, mentee_id, status, goal, created_at, clicked_at)
      select ${mentor.id}, m.id, 'pending', 'I would like advice on ' || m.name, now() - (row_number() over () || ' hours')::interval, now()
      from (select id, name from mentees order by email desc limit ${PENDING_BOOKINGS}) m`.execute(db);
    await sql`analyze`.execute(db);
    return {
      mentor,
      mentorUserId: mentorUser.rows[0].id,
      mentorUserEmail: mentor.email,
      menteeUserEmail: menteeEmail(1),
    };
  });
}

const FIRST_NAMES = [
  'Layla',
  'Omar',
  'Sara',
  'Yusuf',
  'Mariam',
  'Ahmed',
  'Nour',
  'Karim',
  'Hana',
  'Ali',
  'Priya',
  'Chen',
];
const LAST_NAMES = [
  'Haddad',
  'Khan',
  'Garcia',
  'Chen',
  'Okafor',
  'Silva',
  'Novak',
  'Mahmoud',
  'Rahman',
  'Smith',
  'Ito',
];
const POSITIONS = [
  'Software Engineer',
  'Product Manager',
  'Data Scientist',
  'Designer',
  'Marketing Lead',
  'Founder',
  'CFO',
];
const EXPERTISE = ['Python', 'Leadership', 'Product Management', 'Marketing', 'Finance', 'Design', 'Cloud Computing'];
const INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Education', 'Retail', 'Energy'];
const LANGUAGES = ['English', 'Arabic', 'French', 'Hindi', 'Spanish'];

const textArray = (values) => sql`array[${sql.join(values)}]::text[]`;

/**
 * Adds `count` generated, proven (listed) mentors (the directory at scale), then refreshes the planner's
 * statistics. The trigram index takes the bulk insert through its pending list, merged at the end (one row at a
 * time it would take minutes), and is left as migrated: without a pending list.
 */
export async function addDirectoryMentors(url, count) {
  return withDb(url, async (db) => {
    await sql`alter index mentors_search_trgm set (fastupdate = on)`.execute(db);
    await sql`insert into mentors (name, email, position, company, timezone, country, bio, cal_link, expertise,
        industries, languages_spoken, comms_owner, mentorship_preference, is_available, average_rating, total_ratings,
        created_at, updated_at, email_verified_at)
      select f.v || ' ' || l.v, 'mentor' || i || '@bench.example', p.v, 'Company ' || (i % 5000), 'Asia/Dubai', 'UAE',
        'Experienced ' || lower(p.v) || ' who has mentored ' || (i % 50) || ' people in ' || ind.v || ' and ' || e.v || '.',
        'mentor-' || i || '/30min', array[e.v, (${textArray(EXPERTISE)})[1 + (i / 7) % 7]], array[ind.v],
        array['English', (${textArray(LANGUAGES)})[1 + i % 5]], 'exec', 'either', i % 10 <> 0,
        round((3 + (i % 200) / 100.0)::numeric, 2), i % 40, now() - (i || ' seconds')::interval, now(), now()
      from generate_series(1, ${count}) as i
        cross join lateral (select (${textArray(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}] as v) f
        cross join lateral (select (${textArray(LAST_NAMES)})[1 + (i / 3) % ${LAST_NAMES.length}] as v) l
        cross join lateral (select (${textArray(POSITIONS)})[1 + i % ${POSITIONS.length}] as v) p
        cross join lateral (select (${textArray(EXPERTISE)})[1 + (i / 2) % ${EXPERTISE.length}] as v) e
        cross join lateral (select (${textArray(INDUSTRIES)})[1 + i % ${INDUSTRIES.length}] as v) ind`.execute(db);
    await sql`select gin_clean_pending_list('mentors_search_trgm'::regclass)`.execute(db);
    await sql`alter index mentors_search_trgm set (fastupdate = off)`.execute(db);
    await sql`analyze mentors`.execute(db);
    const row = await db
      .selectFrom('mentors')
      .select('id')
      .where('email', '=', `mentor${Math.ceil(count / 2)}@bench.example`)
      .executeTakeFirstOrThrow();
    return { sampleMentorId: row.id };
  });
}
