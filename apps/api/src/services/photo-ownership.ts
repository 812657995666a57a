import type { Executor } from '@mentorconnect/db/database';
import { findUpload } from '@mentorconnect/db/queries/uploads';
import type { User } from '@mentorconnect/db/schema';
import type { Config } from '@mentorconnect/shared/config';
import { publicFileUrl } from '@mentorconnect/shared/storage/public-file-url';
import { badRequest } from '../http-errors.js';

/** The repository's bundled images (served by routes/assets.ts). */
const BUNDLED_ASSET = /^\/attached_assets\/[\w.-]+$/;

export const NOT_YOUR_PHOTO = 'photo_url must be an image you uploaded';

/**
 * A profile's photo_url may be blank, unchanged, a bundled asset, or the URL of an upload the writer owns:
 * pointing at someone else's upload would make their file look like yours (and erasure follow it). A visitor
 * without an account (`writer` undefined) may use an upload made without an account: nobody owns it, its
 * random name is known only to whoever uploaded it, and erasure never follows it.
 */
export async function requireOwnPhoto(
  db: Executor,
  config: Pick<Config, 'PUBLIC_FILES_BASE_URL'>,
  writer: User | undefined,
  photoUrl: string | null | undefined,
  current: string | null = null,
): Promise<void> {
  if (!photoUrl || photoUrl === current || BUNDLED_ASSET.test(photoUrl)) return;
  const key = photoUrl.slice(photoUrl.lastIndexOf('/') + 1);
  const upload = key ? await findUpload(db, key) : undefined;
  if (upload && upload.owner_user_id === (writer?.id ?? null) && publicFileUrl(config, key) === photoUrl) return;
  throw badRequest(NOT_YOUR_PHOTO, [{ path: ['photo_url'], message: NOT_YOUR_PHOTO }]);
}
