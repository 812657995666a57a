import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { createDb, createPool } from '../database.js';
import { seedDemoData } from '../seed.js';

const config = loadConfigOrExit();
const db = createDb(createPool({ connectionString: config.DATABASE_URL, max: 1 }, () => {}));
try {
  const added = await seedDemoData(db);
  console.log(added ? `Seeded ${added} demo mentors.` : 'Demo data already present.');
  await db.destroy();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
