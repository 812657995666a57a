import type { Db } from '@mentorconnect/db/database';
import type { Config } from '@mentorconnect/shared/config';
import type { EmailSender } from '@mentorconnect/shared/email/sender';
import type { JobSender, PgBoss } from '@mentorconnect/shared/jobs';
import type { FileStorage } from '@mentorconnect/shared/storage/file-storage';
import type { Logger } from 'pino';

/** What every job handler may use: the app database, the queue, email, file storage and the configuration. */
export interface WorkerContext {
  config: Config;
  db: Db;
  boss: PgBoss;
  jobs: JobSender;
  email: EmailSender;
  storage: FileStorage;
  log: Logger;
}
