import { type Kysely, sql } from 'kysely';

/**
 * A counter that every committed change to `mentors` moves forward (any statement, SQL typed by hand
 * included), so an API process can keep a directory page and trust it while the counter has not moved.
 * It is one row updated by the changing transaction, so it follows MVCC: a reader never sees the new value
 * before the rows it stands for. Mentors are written rarely; writers queue on the row only until commit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table public.directory_version (
      singleton boolean primary key default true check (singleton),
      version bigint not null default 0
    )`.execute(db);
  await sql`insert into public.directory_version default values`.execute(db);
  await sql`
    create function public.mc_bump_directory_version() returns trigger
    language plpgsql as $$
    begin
      update public.directory_version set version = version + 1;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger mentors_directory_version
    after insert or update or delete or truncate on public.mentors
    for each statement execute function public.mc_bump_directory_version()`.execute(db);
}
