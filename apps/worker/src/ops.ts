import { connectionOptions, createDb, createPool, type Db } from '@mentorconnect/db/database';
import { countJobsByQueueAndState } from '@mentorconnect/db/queries/job-counts';
import {
  countWebhookEventsByStatus,
  findWebhookEvent,
  resetWebhookEvent,
} from '@mentorconnect/db/queries/webhook-events';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import {
  createBoss,
  createJobSender,
  DEAD_LETTER_QUEUES,
  PG_BOSS_SCHEMA,
  type PgBoss,
  QUEUES,
  type QueueName,
} from '@mentorconnect/shared/jobs';

const USAGE = `usage: npm run ops -- queues | redrive <queue> | webhook <id>
Operations on the job queues and the Cal.com inbox, against DATABASE_URL (or the \`npm run dev\` database):
  queues            jobs per queue and state, dead letters, webhook events per status
  redrive <queue>   moves dead-lettered jobs back to their queue (a queue or its -dead queue)
  webhook <id>      shows a stored Cal.com event and enqueues it to be applied again`;

const [command, argument] = process.argv.slice(2);
// Arguments first: help and usage errors need no database.
if (command === '--help' || command === '-h' || command === 'help') {
  console.log(USAGE);
  process.exit(0);
}
if (command !== 'queues' && !((command === 'redrive' || command === 'webhook') && argument)) {
  console.error(USAGE);
  process.exit(2);
}
const config = loadConfigOrExit();
const pool = createPool(
  { connectionString: config.DATABASE_URL, max: 2, applicationName: 'mentorconnect-ops' },
  () => {},
);
const db = createDb(pool);
const boss = createBoss({ ...connectionOptions(config.DATABASE_URL), max: 2, role: 'api' });
boss.on('error', (error) => console.error(`pg-boss: ${error.message}`));

let code = 0;
try {
  await boss.start();
  if (command === 'queues') await showQueues(db);
  else if (command === 'redrive' && argument) await redrive(boss, argument);
  else if (argument) code = await replayWebhook(boss, db, argument);
} catch (error) {
  console.error((error as Error).message);
  code = 1;
} finally {
  await boss.stop({ graceful: false, close: true });
  await db.destroy();
}
process.exit(code);

async function showQueues(db: Db): Promise<void> {
  const names = [...Object.keys(QUEUES), ...DEAD_LETTER_QUEUES];
  const rows = await countJobsByQueueAndState(db, PG_BOSS_SCHEMA, names);
  const table = names.map((name) => {
    const counts = Object.fromEntries(rows.filter((row) => row.name === name).map((row) => [row.state, row.count]));
    return { queue: name, created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0, ...counts };
  });
  console.table(table);
  const dead = table.filter((row) => (DEAD_LETTER_QUEUES as readonly string[]).includes(row.queue));
  const waiting = dead.reduce((sum, row) => sum + row.created + row.retry, 0);
  console.log(`dead letters waiting: ${waiting}${waiting ? ' (npm run ops -- redrive <queue>)' : ''}`);
  console.log('webhook events by status:');
  console.table(await countWebhookEventsByStatus(db));
}

async function redrive(boss: PgBoss, queue: string): Promise<void> {
  const source = QUEUES[queue as QueueName] as { options: { deadLetter?: string } } | undefined;
  const deadLetter = source?.options.deadLetter ?? queue;
  if (!(DEAD_LETTER_QUEUES as readonly string[]).includes(deadLetter)) {
    throw new Error(`${queue} has no dead-letter queue (dead-letter queues: ${DEAD_LETTER_QUEUES.join(', ')})`);
  }
  const moved = await boss.redrive(deadLetter);
  console.log(`moved ${moved} job(s) from ${deadLetter} back to their queue`);
}

async function replayWebhook(boss: PgBoss, db: Db, id: string): Promise<number> {
  const event = await findWebhookEvent(db, id);
  if (!event) {
    console.error(`no webhook event ${id}`);
    return 1;
  }
  console.log(JSON.stringify(event, null, 2));
  const jobs = createJobSender(boss);
  await db.transaction().execute(async (trx) => {
    await resetWebhookEvent(trx, id);
    await jobs.enqueue(trx, 'calcom-event', { eventId: id }, { key: `${id}:replay:${Date.now()}` });
  });
  console.log(`event ${id} set back to received and enqueued`);
  return 0;
}
