import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { createStorage } from '@mentorconnect/shared/storage/create-storage';
import { publicFileUrl } from '@mentorconnect/shared/storage/public-file-url';
import { createDb, createPool } from '../database.js';
import { type LegacyFolder, migrateLegacyFiles } from '../files/migrate-legacy-files.js';

const usage =
  'Usage: npm run files:migrate -- --from <old uploads dir> [--assets <old attached_assets dir>] [--dry-run]';

function readArgs() {
  try {
    return parseArgs({
      options: { from: { type: 'string' }, assets: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
    process.exit(2);
  }
}

const args = readArgs();
if (!args.from) {
  console.error(usage);
  process.exit(2);
}

const config = loadConfigOrExit();
const folders: LegacyFolder[] = [{ dir: path.resolve(args.from), urlPrefix: '/uploads/' }];
if (args.assets) folders.push({ dir: path.resolve(args.assets), urlPrefix: '/attached_assets/' });

const db = createDb(createPool({ connectionString: config.DATABASE_URL, max: 2 }, () => {}));
try {
  const storage = await createStorage(config);
  const dryRun = args['dry-run'] ?? false;
  console.log(
    `${dryRun ? 'Dry run: ' : ''}moving files into ${config.S3_BUCKET ? `s3://${config.S3_BUCKET}` : path.resolve(config.UPLOADS_DIR)}`,
  );
  const report = await migrateLegacyFiles(db, storage, {
    folders,
    dryRun,
    urlFor: (key) => publicFileUrl(config, key),
    log: (line) => console.log(line),
  });
  console.log(
    `${dryRun ? 'Would copy' : 'Copied'} ${report.copied}, already stored ${report.alreadyStored}, skipped ${report.skipped}, photo_url ${dryRun ? 'to rewrite' : 'rewritten'} ${report.photoUrlsRewritten}.`,
  );
  await db.destroy();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await db.destroy();
  process.exit(1);
}
