import { type Kysely, sql } from 'kysely';

/**
 * A version of the directory that every committed change to `mentors` replaces (SQL typed by hand included), so
 * an API process can keep a directory page and trust it while the version reads the same. It is one row,
 * written by the changing transaction, so it follows MVCC: a reader never sees the new value before the rows it
 * stands for. The write is deferred to commit and done once per transaction, so it takes the row's lock last
 * (after any mentor row a transaction locks: no deadlock with profile saves or ratings) and a statement that
 * changes nothing changes no version. Values are random rather than counted: a database restored to an earlier
 * point never hands a running process a version it has seen with other rows (only equality is compared).
 * Written to be re-run over a dump restored from before it (docs/operations.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table if not exists public.directory_version (
      singleton boolean primary key default true check (singleton),
      version bigint not null default 0
    )`.execute(db);
  await sql`insert into public.directory_version default values on conflict do nothing`.execute(db);
  await sql`
    create or replace function public.mc_bump_directory_version() returns trigger
    language plpgsql as $$
    begin
      if current_setting('mc.directory_version_bumped', true) = txid_current()::text then
        return null;
      end if;
      perform set_config('mc.directory_version_bumped', txid_current()::text, true);
      update public.directory_version set version = floor(random() * 4503599627370496)::bigint;
      return null;
    end $$`.execute(db);
  await sql`drop trigger if exists mentors_directory_version on public.mentors`.execute(db);
  await sql`
    create constraint trigger mentors_directory_version
    after insert or update or delete on public.mentors
    deferrable initially deferred
    for each row execute function public.mc_bump_directory_version()`.execute(db);
  await sql`drop trigger if exists mentors_directory_version_truncate on public.mentors`.execute(db);
  await sql`
    create trigger mentors_directory_version_truncate
    after truncate on public.mentors
    for each statement execute function public.mc_bump_directory_version()`.execute(db);
}
