import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import S3rver from 's3rver';
import t, { type Test } from 'tap';
import { backupKey, backupTime } from '../src/backups/backup.js';
import { createDb, createPool } from '../src/database.js';
import { type BackupServer, backupServer } from './helpers/backup-server.js';

const run = promisify(execFile);
const BUCKET = 'mc-backups';
const PREFIX = 'db/';

async function startS3(t: Test) {
  const directory = await mkdtemp(path.join(tmpdir(), 'mc-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  t.teardown(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });
  const env = {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: 'us-east-1',
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    BACKUP_PREFIX: PREFIX,
  };
  const client = new S3Client({
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const keys = async () =>
    ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((object) => object.Key!);
  return { env, client, keys };
}

const server = await backupServer(t);
const skip = 'skip' in server ? server.skip : false;
if (skip) console.error(`backup tests skipped: ${skip}`);
else t.comment(`backups: ${(server as BackupServer).description}`);
const { path: toolsPath, createSource, createTarget, missingDatabaseUrl } = server as BackupServer;

function npm(args: string[], env: Record<string, string>) {
  return run('npm', ['run', '--silent', ...args], {
    env: { ...process.env, PATH: toolsPath, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
  });
}

t.test('keys are dated and sortable', async (t) => {
  const at = new Date('2026-03-04T05:06:07.089Z');
  const key = backupKey('backups/', at);
  t.equal(key, 'backups/2026/03/04/2026-03-04T05-06-07-089Z.dump');
  t.same(backupTime(key), at);
  t.equal(backupTime('backups/notes.txt'), undefined);
});

t.test(
  'npm run db:backup then npm run db:restore round-trips a database and prunes old backups',
  { skip },
  async (t) => {
    const s3 = await startS3(t);
    const source = await createSource();
    const target = await createTarget();
    t.teardown(async () => {
      await source.drop();
      await target.drop();
    });
    const sourceDb = createDb(createPool({ connectionString: source.url, max: 1 }, () => {}));
    t.teardown(() => sourceDb.destroy());
    await sql`insert into users (email, password, user_type) values ('kept@example.com', 'hash', 'mentee')`.execute(
      sourceDb,
    );

    const old = backupKey(PREFIX, new Date(Date.now() - 40 * 86_400_000));
    const recent = backupKey(PREFIX, new Date(Date.now() - 2 * 86_400_000));
    for (const key of [old, recent, `${PREFIX}README.txt`]) {
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'not a dump' }));
    }

    const backup = await npm(['db:backup'], { ...s3.env, DATABASE_URL: source.url, BACKUP_RETENTION_DAYS: '30' });
    t.match(backup.stdout, /Backup written to s3:\/\/mc-backups\/db\/\d{4}\/\d{2}\/\d{2}\/.+\.dump/);
    t.match(backup.stdout, /Deleted 1 backup/);
    const keys = await s3.keys();
    t.notOk(keys.includes(old), 'older than the retention: pruned');
    t.ok(keys.includes(recent), 'within the retention: kept');
    t.ok(keys.includes(`${PREFIX}README.txt`), 'other objects are left alone');
    const written = keys.filter((key) => key !== recent && backupTime(key));
    t.equal(written.length, 1);

    const listed = await npm(['db:restore', '--', '--list'], { ...s3.env, DATABASE_URL: source.url });
    t.match(listed.stdout, written[0]!);

    await npm(['db:restore', '--', written[0]!, '--target', target.url], { ...s3.env, DATABASE_URL: source.url });
    const targetDb = createDb(createPool({ connectionString: target.url, max: 1 }, () => {}));
    t.teardown(() => targetDb.destroy());
    const users = await sql<{ email: string }>`select email from users`.execute(targetDb);
    t.same(
      users.rows.map((row) => row.email),
      ['kept@example.com'],
    );
    const count = (db: typeof sourceDb) =>
      sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db).then((r) => r.rows[0]!.n);
    t.equal(await count(targetDb), await count(sourceDb), 'every migration recorded');
    const queues = await sql<{ n: number }>`select count(*)::int as n from pgboss.queue`.execute(targetDb);
    t.ok(queues.rows[0]!.n > 0, 'the pg-boss schema came along');

    // Restoring again over a database that already has the schema replaces it (--clean).
    await npm(['db:restore', '--', written[0]!, '--target', target.url], { ...s3.env, DATABASE_URL: source.url });
    t.equal((await sql<{ n: number }>`select count(*)::int as n from users`.execute(targetDb)).rows[0]!.n, 1);
  },
);

t.test('a failed dump stores nothing and exits non-zero', { skip }, async (t) => {
  const s3 = await startS3(t);
  const missing = missingDatabaseUrl;
  await t.rejects(npm(['db:backup'], { ...s3.env, DATABASE_URL: missing }), /pg_dump exited with 1/);
  t.same(await s3.keys(), []);
  await t.rejects(npm(['db:restore', '--', `${PREFIX}2020/01/01/none.dump`], { ...s3.env, DATABASE_URL: missing }));
});
