import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { migrateAll } from '../migrate-all.js';

const config = loadConfigOrExit();
try {
  const { applied } = await migrateAll(config.DATABASE_URL);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
