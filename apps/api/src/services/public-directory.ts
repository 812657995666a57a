import type { Db } from '@mentorconnect/db/database';
import { directoryVersion, listMentors, type MentorFilters } from '@mentorconnect/db/queries/mentors';
import { VersionedCache } from '@mentorconnect/shared/versioned-cache';
import { toPublicMentor } from '../schemas/mentor.js';

const MiB = 1024 * 1024;

export interface PublicDirectoryQuery {
  limit: number;
  offset: number;
  filters: Omit<MentorFilters, 'search'>;
}

/**
 * The directory as a visitor without an account sees it (the home page, its facets and pages), as encoded JSON.
 * Each process keeps the answers it built and reuses one while the database's directory version has not
 * moved, so a repeated page costs one tiny query instead of reading, parsing and serialising every mentor;
 * any committed change to `mentors`, from any process, moves the version. Free-text searches always query.
 */
export function publicDirectoryPages(db: Db): (query: PublicDirectoryQuery) => Promise<Buffer> {
  const pages = new VersionedCache({ maxBytes: 6 * MiB, maxEntryBytes: 2 * MiB, maxEntries: 256 });
  return async ({ limit, offset, filters }) => {
    const key = JSON.stringify([limit, offset, filters.expertise, filters.industry, filters.language]);
    // Read before the rows: the rows are then at least as new as the version they are kept under.
    const version = await directoryVersion(db);
    const kept = pages.get(key, version);
    if (kept !== undefined) return kept;
    const mentors = await listMentors(db, filters, { limit, offset });
    const body = Buffer.from(JSON.stringify(mentors.map(toPublicMentor)));
    pages.set(key, version, body);
    return body;
  };
}
