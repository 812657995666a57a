// What is measured: each scenario is one request shape against the API or the floor server. `floor` names the
// floor its throughput is compared with; `withLogins` names the scenario whose solo throughput it is compared with.
import { randomBytes } from 'node:crypto';
import { bookingCreatedEvent, signedDelivery } from './calcom.js';
import { BENCH_PASSWORD, LOGIN_USERS, menteeEmail } from './dataset.js';
import { CALCOM_SECRET } from './processes.js';

/** Fly's proxy terminates TLS and says so; the API trusts it, so its Secure session cookie is set and read. */
const PROXY_HEADERS = { 'x-forwarded-proto': 'https' };

let loginCounter = 0;
/** A different account and client address per login, so the per-account and per-IP login limits never trip. */
function nextLogin(request) {
  loginCounter += 1;
  const n = loginCounter;
  return {
    ...request,
    headers: {
      ...request.headers,
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    },
    body: JSON.stringify({ email: menteeEmail(1 + (n % LOGIN_USERS)), password: BENCH_PASSWORD }),
  };
}

export const LOGIN_REQUEST = {
  method: 'POST',
  path: '/api/auth/login',
  headers: { ...PROXY_HEADERS, 'content-type': 'application/json' },
  setupRequest: nextLogin,
};

function webhookRequest(mentor) {
  return {
    method: 'POST',
    path: '/api/webhooks/calcom',
    setupRequest: (request) => {
      const n = randomBytes(4).toString('hex');
      const event = bookingCreatedEvent({
        mentor,
        attendee: { name: `Webhook Attendee ${n}`, email: `attendee-${n}@bench.example` },
      });
      const delivery = signedDelivery(CALCOM_SECRET, event);
      return { ...request, headers: { ...PROXY_HEADERS, ...delivery.headers }, body: delivery.body };
    },
  };
}

const get = (path, headers = {}) => ({ method: 'GET', path, headers: { ...PROXY_HEADERS, ...headers } });

export const FLOOR_SCENARIOS = ({ mentorId, userId }) => [
  { id: 'floor-json', title: 'FLOOR: bare Fastify route returning JSON', server: 'floor', request: get('/json') },
  {
    id: 'floor-pk',
    title: 'OUR FLOOR: one primary-key query through our pool and Kysely',
    server: 'floor',
    request: get(`/mentors/${mentorId}`),
  },
  {
    id: 'floor-bare',
    title: 'BARE FLOOR: logging off, SELECT id, email FROM users by PK, plain pg.Pool',
    server: 'bare',
    request: get(`/users/${userId}`),
  },
];

/** Scenarios on the demo data (7 mentors), measured before the directory grows to 100,000. */
export const DEMO_SCENARIOS = ({ mentorName }) => [
  { id: 'mentors-demo', title: 'GET /api/mentors (7 demo mentors)', floor: 'floor-pk', request: get('/api/mentors') },
  {
    id: 'mentors-demo-search',
    title: 'GET /api/mentors?search=<name> (demo)',
    floor: 'floor-pk',
    request: get(`/api/mentors?search=${encodeURIComponent(mentorName)}`),
  },
];

/** Scenarios on the full data set. `sessions` holds the cookies of a mentee and of the pending list's mentor. */
export const SCALE_SCENARIOS = ({ mentor, sampleMentorId, sessions, mentorCount }) => {
  const scale = `${Math.round(mentorCount / 1000)}k`;
  return [
    {
      id: 'mentors-100k-page',
      title: `GET /api/mentors?limit=20 (${scale} mentors)`,
      floor: 'floor-pk',
      request: get('/api/mentors?limit=20'),
    },
    {
      id: 'mentors-100k-search',
      title: `GET /api/mentors?search=engineer&limit=20 (${scale}, 1 in 7 match)`,
      floor: 'floor-pk',
      search: true,
      request: get('/api/mentors?search=engineer&limit=20'),
    },
    {
      id: 'mentors-100k-search-rare',
      title: `GET /api/mentors?search=company%204242&limit=20 (${scale}, ~20 match)`,
      floor: 'floor-pk',
      search: true,
      request: get('/api/mentors?search=company%204242&limit=20'),
    },
    {
      id: 'mentor-by-id',
      title: `GET /api/mentors/:id (${scale})`,
      floor: 'floor-pk',
      request: get(`/api/mentors/${sampleMentorId}`),
    },
    {
      id: 'auth-me',
      title: 'GET /api/auth/me (session)',
      floor: 'floor-pk',
      sessionRead: true,
      request: get('/api/auth/me', { cookie: sessions.mentee }),
    },
    {
      id: 'mentor-pending',
      title: `GET /api/mentor/:id/bookings/pending (session, 25 pending)`,
      floor: 'floor-pk',
      sessionRead: true,
      request: get(`/api/mentor/${mentor.id}/bookings/pending`, { cookie: sessions.mentor }),
    },
    {
      id: 'webhook-calcom',
      title: 'POST /api/webhooks/calcom (signed, distinct events)',
      floor: 'floor-pk',
      request: webhookRequest(mentor),
    },
    { id: 'login', title: 'POST /api/auth/login (argon2id)', floor: 'floor-pk', request: LOGIN_REQUEST },
  ];
};

/** Read routes again, with logins running at the same time on other connections. */
export const WITH_LOGINS_SCENARIOS = (scale) =>
  scale
    .filter((scenario) => ['auth-me', 'mentor-by-id', 'mentors-100k-search'].includes(scenario.id))
    .map((scenario) => ({
      ...scenario,
      id: `${scenario.id}+logins`,
      title: `${scenario.title} + logins in parallel`,
      withLogins: scenario.id,
    }));
