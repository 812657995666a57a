import type { Db } from '@mentorconnect/db/database';
import type { Config } from '@mentorconnect/shared/config';
import type { EmailSender } from '@mentorconnect/shared/email/sender';
import type { JobSender, PgBoss } from '@mentorconnect/shared/jobs';
import type { Logger } from 'pino';

/** What every job handler may use: the app database, the queue, the email sender and the configuration. */
export interface WorkerContext {
  config: Config;
  db: Db;
  boss: PgBoss;
  jobs: JobSender;
  email: EmailSender;
  log: Logger;
}
