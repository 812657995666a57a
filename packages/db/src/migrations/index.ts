import type { Migration } from 'kysely/migration';
import * as legacySchema from './0001-legacy-schema.js';
import * as timestamptz from './0002-timestamptz.js';
import * as enumChecks from './0003-enum-checks.js';
import * as caseInsensitiveEmails from './0004-case-insensitive-emails.js';
import * as defaultsAndIndexes from './0005-defaults-and-indexes.js';
import * as directorySearch from './0006-directory-search.js';
import * as platformTables from './0007-accounts-and-platform-tables.js';
import * as bookingCalcomUids from './0400-booking-calcom-uids.js';
import * as provenEmails from './0401-proven-emails.js';
import * as visitorProfiles from './1400-visitor-profiles.js';
import * as emailSending from './1500-email-sending.js';
import * as directorySearchWithoutPendingList from './1600-directory-search-without-pending-list.js';
import * as directoryVersion from './1700-directory-version.js';

/** In order; a name is forever (Kysely records it in kysely_migration). */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-legacy-schema': legacySchema,
  '0002-timestamptz': timestamptz,
  '0003-enum-checks': enumChecks,
  '0004-case-insensitive-emails': caseInsensitiveEmails,
  '0005-defaults-and-indexes': defaultsAndIndexes,
  '0006-directory-search': directorySearch,
  '0007-accounts-and-platform-tables': platformTables,
  '0400-booking-calcom-uids': bookingCalcomUids,
  '0401-proven-emails': provenEmails,
  '1400-visitor-profiles': visitorProfiles,
  '1500-email-sending': emailSending,
  '1600-directory-search-without-pending-list': directorySearchWithoutPendingList,
  '1700-directory-version': directoryVersion,
};
