import { createBoss, createQueues } from '@mentorconnect/shared/jobs';
import { connectionOptions, createDb, createPool } from './database.js';
import { migrateToLatest } from './migrator.js';

export interface MigrateReport {
  applied: string[];
}

/** The release step: our schema, then pg-boss's schema and every queue. Safe to run again. */
export async function migrateAll(connectionString: string): Promise<MigrateReport> {
  const pool = createPool({ connectionString, max: 2, applicationName: 'mentorconnect-migrate' }, () => {});
  const db = createDb(pool);
  try {
    const { error, results = [] } = await migrateToLatest(db);
    if (error) throw error;
    const boss = createBoss({ ...connectionOptions(connectionString), max: 2, role: 'migrate' });
    boss.on('error', () => {});
    await boss.start();
    try {
      await createQueues(boss);
    } finally {
      await boss.stop({ graceful: false });
    }
    return { applied: results.filter((result) => result.status === 'Success').map((result) => result.migrationName) };
  } finally {
    await db.destroy();
  }
}
