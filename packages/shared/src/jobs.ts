import { createHash } from 'node:crypto';
import { fromKysely, type KyselyTransactionLike, PgBoss, type Queue, type SendOptions } from 'pg-boss';
import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { EMAIL_TEMPLATES } from './email/template-names.js';

/** The job contract: every queue's name, payload schema and options, in one place for both processes. */

const EmailPayload = Type.Object({
  template: Type.Enum(EMAIL_TEMPLATES),
  to: Type.String({ minLength: 3 }),
  /** Unique to the email's cause; sent to Resend as Idempotency-Key so a retried job never sends twice. */
  idempotencyKey: Type.String({ minLength: 1, maxLength: 256 }),
  locale: Type.Enum(['en', 'ar'], { default: 'en' }),
  data: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});

const CalcomEventPayload = Type.Object({ eventId: Type.String({ minLength: 1 }) });
const EmptyPayload = Type.Object({});

/**
 * A running handler refreshes its job's heartbeat every 5 s; a job whose worker died (kill -9, a lost
 * machine) misses it and goes back to the queue at the supervisor's next pass, within about 20 s, instead
 * of waiting for its expiry.
 */
export const HEARTBEAT_SECONDS = 10;
/** How often the worker's supervisor looks for jobs with a lost heartbeat or past their expiry. */
export const SUPERVISE_INTERVAL_SECONDS = 5;

const RETRYING = {
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 900,
  heartbeatSeconds: HEARTBEAT_SECONDS,
} as const;
const SCHEDULED = { retryLimit: 2, retryDelay: 30, expireInSeconds: 600, heartbeatSeconds: HEARTBEAT_SECONDS } as const;

export const QUEUES = {
  'send-email': {
    payload: EmailPayload,
    // Completed email jobs hold links with tokens: keep them only briefly.
    options: { ...RETRYING, expireInSeconds: 120, deleteAfterSeconds: 3600, deadLetter: 'send-email-dead' },
  },
  'calcom-event': {
    payload: CalcomEventPayload,
    options: { ...RETRYING, expireInSeconds: 120, deadLetter: 'calcom-event-dead' },
  },
  'booking-reminders': { payload: EmptyPayload, options: SCHEDULED },
  cleanup: { payload: EmptyPayload, options: SCHEDULED },
} as const satisfies Record<string, { payload: TSchema; options: Omit<Queue, 'name'> }>;

export type QueueName = keyof typeof QUEUES;
export type JobPayload<Name extends QueueName> = Static<(typeof QUEUES)[Name]['payload']>;
export type EmailJob = JobPayload<'send-email'>;

/** Dead-letter queues keep failed jobs for inspection and redrive (`npm run ops -- redrive`). */
export const DEAD_LETTER_QUEUES = ['send-email-dead', 'calcom-event-dead'] as const;

/** Cron schedules, set by the worker at start (UTC). */
export const SCHEDULES: { queue: QueueName; cron: string }[] = [
  { queue: 'booking-reminders', cron: '*/5 * * * *' },
  { queue: 'cleanup', cron: '17 * * * *' },
];

export const PG_BOSS_SCHEMA = 'pgboss';

export interface BossOptions {
  connectionString: string;
  /** Connections for pg-boss's own pool (the business transactions use the app pool). */
  max: number;
  /** Only the worker runs maintenance and cron; the API only sends. */
  role: 'api' | 'worker' | 'migrate';
  ssl?: unknown;
}

/** pg-boss never migrates at process start: the release step (`npm run db:migrate`) does that. */
export function createBoss({ connectionString, max, role, ssl }: BossOptions): PgBoss {
  return new PgBoss({
    connectionString,
    ssl,
    max,
    schema: PG_BOSS_SCHEMA,
    application_name: `mentorconnect-${role}`,
    migrate: role === 'migrate',
    createSchema: role === 'migrate',
    supervise: role === 'worker',
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    schedule: role === 'worker',
  });
}

/** Creates dead-letter queues first, then every queue with its options. Idempotent. */
export async function createQueues(boss: PgBoss): Promise<void> {
  for (const name of DEAD_LETTER_QUEUES) await upsertQueue(boss, name, { retentionSeconds: 30 * 86_400 });
  for (const [name, { options }] of Object.entries(QUEUES)) await upsertQueue(boss, name, options);
}

async function upsertQueue(boss: PgBoss, name: string, options: Omit<Queue, 'name'>): Promise<void> {
  if (await boss.getQueue(name)) {
    const { deadLetter, ...updatable } = options;
    await boss.updateQueue(name, { ...updatable, ...(deadLetter ? { deadLetter } : {}) });
  } else {
    await boss.createQueue(name, options);
  }
}

/** A deterministic job id, so the same cause enqueued twice is stored once. */
export function jobIdFor(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class InvalidJobPayloadError extends Error {}

export function parseJobPayload<Name extends QueueName>(name: Name, data: unknown): JobPayload<Name> {
  const schema = QUEUES[name].payload;
  const withDefaults = Value.Default(schema, Value.Clone(data ?? {}));
  if (!Value.Check(schema, withDefaults)) {
    const first = [...Value.Errors(schema, withDefaults)][0];
    throw new InvalidJobPayloadError(`Invalid ${name} payload: ${first?.instancePath} ${first?.message}`);
  }
  return withDefaults as JobPayload<Name>;
}

export interface JobSender {
  /**
   * Enqueues inside the caller's transaction: a rolled-back write sends nothing and a committed one is never
   * lost. `key` makes the job idempotent (a second enqueue with the same key is a no-op).
   */
  enqueue<Name extends QueueName>(
    trx: KyselyTransactionLike,
    name: Name,
    payload: JobPayload<Name>,
    options?: { key?: string; startAfter?: Date },
  ): Promise<void>;
  /** Several jobs of one queue in one statement, with the same guarantees as enqueue. */
  enqueueMany<Name extends QueueName>(
    trx: KyselyTransactionLike,
    name: Name,
    jobs: { payload: JobPayload<Name>; key: string }[],
  ): Promise<void>;
}

export function createJobSender(boss: PgBoss): JobSender {
  return {
    async enqueue(trx, name, payload, options = {}) {
      const data = parseJobPayload(name, payload);
      const sendOptions: SendOptions = { db: fromKysely(trx) };
      if (options.key) sendOptions.id = jobIdFor(`${name}:${options.key}`);
      if (options.startAfter) sendOptions.startAfter = options.startAfter;
      await boss.send(name, data, sendOptions);
    },
    async enqueueMany(trx, name, jobs) {
      if (jobs.length === 0) return;
      const inserts = jobs.map(({ payload, key }) => ({
        id: jobIdFor(`${name}:${key}`),
        data: parseJobPayload(name, payload),
      }));
      await boss.insert(name, inserts, { db: fromKysely(trx) });
    },
  };
}

export type { PgBoss };
